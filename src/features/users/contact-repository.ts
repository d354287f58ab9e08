import { and, asc, eq, lt, min, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import {
  linkClicks,
  type UserRecord,
  userAttributes,
  userNotes,
  users,
  userTags,
  userTopics,
} from "../../db/schema/index.js";
import type { ContactField } from "./contact-sources.js";
import type { MergeSummary } from "./merge.js";

/** The activity counters a merge adds from the imported record to the Telegram user's. */
export type MergedCounters = Pick<
  UserRecord,
  | "referralCount"
  | "sessionCount"
  | "messageCount"
  | "clickCount"
  | "timeSpentSeconds"
  | "sentimentTotal"
  | "sentimentCount"
>;

/** The profile values a merge decided on, written as they are. */
export type MergedProfile = Pick<
  typeof users.$inferInsert,
  | "firstName"
  | "namesEditedAt"
  | "lastName"
  | "email"
  | "emailSource"
  | "phone"
  | "phoneSource"
  | "timezone"
  | "gender"
  | "photoFileId"
  | "importedAt"
  | "lastActivityAt"
  | "lastMessageText"
  | "lastMessageAt"
>;

/** A user as an upsert or an admin's form creates them. */
export type NewUser = typeof users.$inferInsert;

/**
 * The isTrusted rule of contact-sources.ts as an SQL condition on a query of `users` alone: a value
 * the user typed finds nobody. The import's writer runs it in its own raw statements.
 */
export const trustedSql: Readonly<Record<ContactField, string>> = {
  phone: "(id < 0 OR phone_source IN ('shared_contact', 'owner'))",
  email: "(id < 0 OR email_source IN ('shared_contact', 'owner'))",
};

/**
 * Imported contacts and the Telegram users they turn out to be: finding them by phone or email, the
 * phone a user shares, and the rows a merge moves. Rare writes, so built per call; the caller holds
 * the transaction.
 */
export class ContactRepository {
  constructor(private readonly db: Db) {}

  find(id: number): UserRecord | undefined {
    return this.db.select().from(users).where(eq(users.id, id)).get();
  }

  /**
   * Ids of the users, lowest first and `limit` at most, who hold `value` as a key: the phone, or the
   * email case aside, when trusted (see trustedSql).
   */
  keyHolders(field: ContactField, value: string, limit: number): number[] {
    const condition =
      field === "email" ? sql`lower(${users.email}) = ${value.toLowerCase()}` : eq(users.phone, value);
    return this.db
      .select({ id: users.id })
      .from(users)
      .where(and(condition, sql.raw(trustedSql[field])))
      .orderBy(users.id)
      .limit(limit)
      .all()
      .map((row) => row.id);
  }

  /** Up to `limit` ids of the users whose attribute `key` is exactly `value`, lowest first. */
  attributeHolders(key: string, value: string, limit: number): number[] {
    return this.db
      .select({ id: userAttributes.userId })
      .from(userAttributes)
      .where(and(eq(userAttributes.key, key), eq(userAttributes.value, value)))
      .orderBy(userAttributes.userId)
      .limit(limit)
      .all()
      .map((row) => row.id);
  }

  /** The id below every one in use and below zero, for a contact without a Telegram id. */
  nextSurrogateId(): number {
    const lowest =
      this.db
        .select({ id: min(users.id) })
        .from(users)
        .get()?.id ?? 0;
    return Math.min(lowest, 0) - 1;
  }

  /** Stores a new user as given. */
  create(user: NewUser): UserRecord {
    return this.db.insert(users).values(user).returning().get();
  }

  /** Stores a phone the user shared from their own account: Telegram vouches for it. */
  setSharedPhone(userId: number, phone: string): void {
    this.db.update(users).set({ phone, phoneSource: "shared_contact" }).where(eq(users.id, userId)).run();
  }

  /** Imported contacts (no Telegram id yet) with this normalised phone, oldest first. */
  importedWithPhone(phone: string): UserRecord[] {
    return this.db
      .select()
      .from(users)
      .where(and(lt(users.id, 0), eq(users.phone, phone)))
      .orderBy(asc(users.firstSeenAt), asc(users.id))
      .all();
  }

  /** Imported contacts (no Telegram id yet) with this email, case-insensitively, oldest first. */
  importedWithEmail(email: string): UserRecord[] {
    return this.db
      .select()
      .from(users)
      .where(and(lt(users.id, 0), sql`lower(${users.email}) = ${email.toLowerCase()}`))
      .orderBy(asc(users.firstSeenAt), asc(users.id))
      .all();
  }

  /**
   * Gives `intoId` the tags and attributes of `fromId` whose keys it lacks, and moves the notes, link
   * clicks and referred users; counts what found a place.
   */
  moveBelongings(fromId: number, intoId: number): MergeSummary {
    const { db } = this;
    const tags = db
      .insert(userTags)
      .select(
        db
          .select({
            userId: sql<number>`${intoId}`.as("user_id"),
            tag: userTags.tag,
            createdAt: userTags.createdAt,
          })
          .from(userTags)
          .where(eq(userTags.userId, fromId)),
      )
      .onConflictDoNothing()
      .run().changes;
    // Subscriptions follow the person; one the Telegram user already has keeps its own source.
    db.insert(userTopics)
      .select(
        db
          .select({
            topicId: userTopics.topicId,
            userId: sql<number>`${intoId}`.as("user_id"),
            source: userTopics.source,
            createdAt: userTopics.createdAt,
          })
          .from(userTopics)
          .where(eq(userTopics.userId, fromId)),
      )
      .onConflictDoNothing()
      .run();
    const attributes = db
      .insert(userAttributes)
      .select(
        db
          .select({
            userId: sql<number>`${intoId}`.as("user_id"),
            key: userAttributes.key,
            value: userAttributes.value,
            updatedAt: userAttributes.updatedAt,
          })
          .from(userAttributes)
          .where(eq(userAttributes.userId, fromId)),
      )
      .onConflictDoNothing()
      .run().changes;
    const notes = db
      .update(userNotes)
      .set({ userId: intoId })
      .where(eq(userNotes.userId, fromId))
      .run().changes;
    db.update(linkClicks).set({ userId: intoId }).where(eq(linkClicks.userId, fromId)).run();
    db.update(users).set({ referrerId: intoId }).where(eq(users.referrerId, fromId)).run();
    return { tags, attributes, notes };
  }

  /** Writes the merged profile onto `intoId` and adds `added` to its counters in SQL. */
  saveMerged(intoId: number, profile: MergedProfile, added: MergedCounters): void {
    this.db
      .update(users)
      .set({
        ...profile,
        referralCount: sql`${users.referralCount} + ${added.referralCount}`,
        sessionCount: sql`${users.sessionCount} + ${added.sessionCount}`,
        messageCount: sql`${users.messageCount} + ${added.messageCount}`,
        clickCount: sql`${users.clickCount} + ${added.clickCount}`,
        timeSpentSeconds: sql`${users.timeSpentSeconds} + ${added.timeSpentSeconds}`,
        sentimentTotal: sql`${users.sentimentTotal} + ${added.sentimentTotal}`,
        sentimentCount: sql`${users.sentimentCount} + ${added.sentimentCount}`,
      })
      .where(eq(users.id, intoId))
      .run();
  }

  /** Hard-deletes a user; their own tags and attributes go with the row. */
  delete(id: number): void {
    this.db.delete(users).where(eq(users.id, id)).run();
  }
}
