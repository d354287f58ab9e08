import { and, eq, exists, gt, gte, inArray, isNull, lte, type SQL, sql } from "drizzle-orm";
import { users, userTags } from "../../db/schema/index.js";
import { parseSegment, segmentCondition, segmentErrorText } from "../segments/segment.js";
import type { MailingAudience } from "./mailing.js";

/** The typed filter of mailings stored before segments. */
function legacyConditions(audience: MailingAudience): SQL[] {
  const conditions: SQL[] = [];
  if (audience.tags && audience.tags.length > 0) {
    conditions.push(
      exists(
        sql`(SELECT 1 FROM ${userTags} WHERE ${userTags.userId} = ${users.id} AND ${inArray(userTags.tag, audience.tags)})`,
      ),
    );
  }
  if (audience.languages && audience.languages.length > 0)
    conditions.push(inArray(users.languageCode, audience.languages));
  if (audience.campaignId !== undefined) conditions.push(eq(users.campaignId, audience.campaignId));
  if (audience.referrerId !== undefined) conditions.push(eq(users.referrerId, audience.referrerId));
  if (audience.registeredAfter) conditions.push(gte(users.registeredAt, new Date(audience.registeredAfter)));
  if (audience.registeredBefore)
    conditions.push(lte(users.registeredAt, new Date(audience.registeredBefore)));
  return conditions;
}

/**
 * The SQL condition selecting a mailing's recipients: active bot users with a Telegram id (imported
 * contacts without one cannot be messaged), alive unless dead are included, in the segment.
 * `now` anchors relative times such as `seen>-7d`.
 */
export function audienceCondition(audience: MailingAudience, now: Date): SQL {
  const conditions: SQL[] = [eq(users.status, "active"), gt(users.id, 0)];
  if (!audience.includeDead) conditions.push(isNull(users.deadAt));
  if (audience.segment) {
    const parsed = parseSegment(audience.segment);
    // Stored segments were parsed when the mailing was made; failing now means the language changed under it.
    if (!parsed.ok) throw new Error(`stored audience segment no longer parses: ${segmentErrorText(parsed)}`);
    conditions.push(segmentCondition(parsed.tree, now, audience.timeZone));
  }
  conditions.push(...legacyConditions(audience));
  return and(...conditions) as SQL;
}
