import { and, eq, exists, gte, inArray, isNull, lte, type SQL, sql } from "drizzle-orm";
import { users, userTags } from "../../db/schema/index.js";
import type { MailingAudience } from "./mailing.js";

/** The SQL condition selecting a mailing's recipients: active bot users matching the filter. */
export function audienceCondition(audience: MailingAudience): SQL {
  const conditions: SQL[] = [eq(users.status, "active")];
  if (!audience.includeDead) conditions.push(isNull(users.deadAt));
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
  return and(...conditions) as SQL;
}
