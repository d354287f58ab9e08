import { fillTemplate } from "../../content/template.js";
import { tagPattern } from "../../gate/deeplinks/deeplink-tags.js";
import type { MailingAudience } from "../../mailing/mailing.js";
import { formatInZone, parseLocalDateTime } from "../../mailing/schedule.js";
import { texts } from "./texts.js";

/** An audience as the admin typed it; the campaign is still a code, resolved against the database. */
export type AudienceFilter = Omit<MailingAudience, "campaignId"> & { campaignCode?: string };

export type FilterProblem = keyof typeof texts.filterProblem;

export type FilterParse =
  | { ok: true; filter: AudienceFilter }
  | { ok: false; problem: FilterProblem; line: number; name?: string };

type Field = "tags" | "languages" | "campaign" | "referrer" | "after" | "before" | "dead";

const fieldNames: Record<string, Field> = {
  tag: "tags",
  tags: "tags",
  language: "languages",
  languages: "languages",
  lang: "languages",
  campaign: "campaign",
  referrer: "referrer",
  parent: "referrer",
  after: "after",
  before: "before",
  dead: "dead",
};

const languagePattern = /^[a-z]{2,3}(-[a-z0-9]{2,8})?$/;

/**
 * Reads an audience filter, one `name: value` condition a line (all must hold): tags and
 * languages as lists, a campaign code, a referrer's user id, registration dates in `timezone`,
 * and whether dead users are included.
 */
export function parseAudienceFilter(input: string, timezone: string): FilterParse {
  const filter: AudienceFilter = { includeDead: false };
  const seen = new Set<Field>();
  for (const [index, raw] of input.split(/\r?\n/).entries()) {
    const line = index + 1;
    if (raw.trim() === "") continue;
    const match = /^\s*([A-Za-z ]+?)\s*:\s*(.*?)\s*$/.exec(raw);
    if (!match) return { ok: false, problem: "format", line };
    const name = (match[1] as string).toLowerCase().replace(/^registered\s+/, "");
    const value = match[2] as string;
    const field = fieldNames[name];
    if (!field) return { ok: false, problem: "unknown", line, name: match[1] as string };
    if (seen.has(field)) return { ok: false, problem: "duplicate", line, name: match[1] as string };
    seen.add(field);
    if (value === "") return { ok: false, problem: "empty", line };
    const list = value
      .toLowerCase()
      .split(/[\s,]+/)
      .filter((item) => item !== "");
    switch (field) {
      case "tags":
        if (!list.every((tag) => tagPattern.test(tag))) return { ok: false, problem: "tag", line };
        filter.tags = [...new Set(list)];
        break;
      case "languages":
        if (!list.every((code) => languagePattern.test(code)))
          return { ok: false, problem: "language", line };
        filter.languages = [...new Set(list)];
        break;
      case "campaign":
        filter.campaignCode = value.replace(/^.*[?&]start=a/, "");
        break;
      case "referrer":
        if (!/^\d{1,15}$/.test(value)) return { ok: false, problem: "referrer", line };
        filter.referrerId = Number(value);
        break;
      case "after":
      case "before": {
        const parsed = parseLocalDateTime(value, timezone);
        if (!parsed.ok) return { ok: false, problem: "date", line };
        if (field === "after") filter.registeredAfter = parsed.at.toISOString();
        else filter.registeredBefore = parsed.at.toISOString();
        break;
      }
      case "dead":
        if (!/^(include|included|yes|exclude|excluded|no)$/i.test(value))
          return { ok: false, problem: "dead", line };
        filter.includeDead = /^(include|included|yes)$/i.test(value);
        break;
    }
  }
  if (seen.size === 0) return { ok: false, problem: "none", line: 0 };
  return { ok: true, filter };
}

/** The admin's words for a parse problem. */
export function filterProblemText(problem: Exclude<FilterParse, { ok: true }>): string {
  return fillTemplate(texts.filterProblem[problem.problem], { line: problem.line, name: problem.name ?? "" });
}

/** A short description of who receives a mailing, for the confirmation and the history. */
export function describeAudience(audience: MailingAudience, timezone: string, campaignName?: string): string {
  const parts: string[] = [];
  if (audience.tags?.length)
    parts.push(fillTemplate(texts.audienceTags, { value: audience.tags.join(", ") }));
  if (audience.languages?.length)
    parts.push(fillTemplate(texts.audienceLanguages, { value: audience.languages.join(", ") }));
  if (audience.campaignId !== undefined)
    parts.push(fillTemplate(texts.audienceCampaign, { value: campaignName ?? `#${audience.campaignId}` }));
  if (audience.referrerId !== undefined)
    parts.push(fillTemplate(texts.audienceReferrer, { value: audience.referrerId }));
  if (audience.registeredAfter)
    parts.push(
      fillTemplate(texts.audienceAfter, {
        value: formatInZone(new Date(audience.registeredAfter), timezone),
      }),
    );
  if (audience.registeredBefore)
    parts.push(
      fillTemplate(texts.audienceBefore, {
        value: formatInZone(new Date(audience.registeredBefore), timezone),
      }),
    );
  if (parts.length === 0) return audience.includeDead ? texts.audienceAllWithDead : texts.audienceAll;
  if (audience.includeDead) parts.push(texts.audienceDead);
  return parts.join(" · ");
}
