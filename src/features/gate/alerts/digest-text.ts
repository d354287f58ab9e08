import { texts } from "../../../texts/bot.js";
import { renderTemplate } from "../../content/template.js";
import type { AlertSource } from "./new-user-alert-repository.js";

/** What one minute's digest says. */
export interface DigestView {
  minuteStart: Date;
  /** Newcomers in the digest. */
  count: number;
  /** Newcomers of the same minute who had an alert of their own. */
  alerted: number;
  sources: ReadonlyArray<{ source: AlertSource; count: number }>;
  final: boolean;
}

/** Names for the sources, looked up when the digest is written. */
export interface SourceNames {
  campaign(id: number): string | undefined;
  referrer(id: number): string;
}

/** Sources named one by one; the rest are summed up, so a digest stays one short message. */
const listedSources = 8;

const t = texts.newUserDigest;

function sourceLine(source: AlertSource, count: number, names: SourceNames): string {
  const values = { count: String(count) };
  const [kind, rawId] = source.split(":");
  const id = Number(rawId);
  if (kind === "campaign") {
    const name = names.campaign(id);
    return name === undefined
      ? renderTemplate(t.deletedCampaign, values).text
      : renderTemplate(t.campaign, { ...values, name }).text;
  }
  if (kind === "referrer") {
    return renderTemplate(t.referrer, { ...values, name: names.referrer(id), id: String(id) }).text;
  }
  return renderTemplate(t.direct, values).text;
}

/** "🆕 143 new users in the minute from 12:00 UTC: 97 via campaign Spring, 31 referred by …, 15 direct". */
export function digestText(view: DigestView, names: SourceNames): string {
  const sorted = [...view.sources].sort((a, b) => b.count - a.count || a.source.localeCompare(b.source));
  const parts = sorted.slice(0, listedSources).map(({ source, count }) => sourceLine(source, count, names));
  const rest = sorted.slice(listedSources);
  if (rest.length > 0) {
    const count = rest.reduce((sum, s) => sum + s.count, 0);
    parts.push(renderTemplate(t.otherSources, { count: String(count), sources: String(rest.length) }).text);
  }
  const heading = renderTemplate(view.count === 1 ? t.headingOne : t.heading, {
    count: String(view.count),
    time: view.minuteStart.toISOString().slice(11, 16),
    sources: parts.join(", "),
  }).text;
  const lines = [heading];
  if (view.alerted > 0) lines.push(renderTemplate(t.besidesSingles, { count: String(view.alerted) }).text);
  lines.push(view.final ? t.final : t.counting);
  return lines.join("\n");
}
