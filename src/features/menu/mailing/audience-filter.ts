import { texts } from "../../../texts/admin-mailing.js";
import { fillTemplate } from "../../content/template.js";
import type { MailingAudience } from "../../mailing/mailing.js";
import { formatInZone } from "../../mailing/schedule.js";

/** The typed filter of mailings stored before segments, in words. */
function legacyParts(audience: MailingAudience, timezone: string): string[] {
  const parts: string[] = [];
  if (audience.tags?.length)
    parts.push(fillTemplate(texts.audienceTags, { value: audience.tags.join(", ") }));
  if (audience.languages?.length)
    parts.push(fillTemplate(texts.audienceLanguages, { value: audience.languages.join(", ") }));
  if (audience.campaignId !== undefined)
    parts.push(fillTemplate(texts.audienceCampaign, { value: `#${audience.campaignId}` }));
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
  return parts;
}

/** A short description of who receives a mailing, for the confirmation and the history. */
export function describeAudience(audience: MailingAudience, timezone: string): string {
  const parts = legacyParts(audience, timezone);
  if (audience.segment) {
    // The segment says what it says about dead users; otherwise they were left out.
    return audience.includeDead ? audience.segment : `${audience.segment} · ${texts.audienceAlive}`;
  }
  if (parts.length === 0) return audience.includeDead ? texts.audienceAllWithDead : texts.audienceAll;
  if (audience.includeDead) parts.push(texts.audienceDead);
  return parts.join(" · ");
}
