import { and, eq, gte, lte } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { type SequenceRecord, users, userTags } from "../../db/schema/index.js";
import type { SubscriptionSource } from "./sequence.js";

/** A registration or a tagging a sequence's trigger answers: who, how, and when it happened. */
export interface TriggerEvent {
  userId: number;
  source: SubscriptionSource;
  at: Date;
}

/**
 * Users registered between `since` and `through`, by the registered-at index. Liveness is read, not
 * filtered here: in the WHERE, SQLite would rather walk every live user by the status index.
 */
export function registeredBetween(db: Db, since: Date, through: Date) {
  return db
    .select({
      userId: users.id,
      campaignId: users.campaignId,
      at: users.registeredAt,
      status: users.status,
      deadAt: users.deadAt,
    })
    .from(users)
    .where(and(gte(users.registeredAt, since), lte(users.registeredAt, through)));
}

/** Taggings with `tag` between `since` and `through`, by the (tag, created-at) index: not every holder. */
export function taggedBetween(db: Db, tag: string, since: Date, through: Date) {
  return db
    .select({ userId: userTags.userId, at: userTags.createdAt })
    .from(userTags)
    .where(and(eq(userTags.tag, tag), gte(userTags.createdAt, since), lte(userTags.createdAt, through)));
}

/**
 * What happened since the sequence's watermark that its triggers answer: live users registered
 * (through its campaign link, or at all when it takes registrations) and taggings with its tag.
 */
export function readTriggerEvents(db: Db, sequence: SequenceRecord, through: Date): TriggerEvent[] {
  const found: TriggerEvent[] = [];
  const since = sequence.enrolledThrough;
  if (sequence.onRegistration || sequence.triggerCampaignId !== null) {
    for (const { userId, campaignId, at, status, deadAt } of registeredBetween(db, since, through).all()) {
      if (status !== "active" || deadAt !== null) continue;
      const viaCampaign = campaignId !== null && campaignId === sequence.triggerCampaignId;
      if (viaCampaign || sequence.onRegistration)
        found.push({ userId, source: viaCampaign ? "campaign" : "registration", at: at ?? through });
    }
  }
  if (sequence.triggerTag) {
    for (const { userId, at } of taggedBetween(db, sequence.triggerTag, since, through).all())
      found.push({ userId, source: "tag", at });
  }
  return found;
}
