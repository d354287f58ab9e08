import { and, asc, eq, lt, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import {
  linkClicks,
  type UserRecord,
  userAttributes,
  userNotes,
  users,
  userTags,
} from "../../db/schema/index.js";
import { UsherError } from "../../errors.js";
import { visibleName } from "./display-name.js";
import { normalizeEmail, normalizePhone } from "./profile-fields.js";

const mergeProblems = ["not_imported", "not_telegram_user"] as const;
export type MergeProblem = (typeof mergeProblems)[number];

/** A merge refused: `from` must be an imported contact (id < 0), `into` a Telegram user (id > 0), both stored. */
export class MergeError extends UsherError {
  override name = "MergeError";
  static readonly codes = mergeProblems;

  constructor(
    override readonly code: MergeProblem,
    readonly userId: number,
  ) {
    super("conflict", code, `${code}: user ${userId}`);
  }
}

/** How much of the imported record found a place in the Telegram user's (the rest they already had). */
export interface MergeSummary {
  tags: number;
  attributes: number;
  notes: number;
}

const later = (a: Date | null, b: Date | null) => (a === null || (b !== null && b > a) ? b : a);

/**
 * Merges an imported contact into the Telegram user who turned out to be the same person, then
 * hard-deletes the imported record, in one transaction. The Telegram user's own values win: tags and
 * notes are added, attributes only where the key is new, email/phone/names/time zone/gender only
 * where they have none; activity counters are summed and the later last message is kept.
 */
export function mergeImportedContact(db: Db, fromId: number, intoId: number): MergeSummary {
  return db.transaction((tx) => {
    const find = (id: number) => tx.select().from(users).where(eq(users.id, id)).get();
    const from = fromId < 0 ? find(fromId) : undefined;
    if (!from) throw new MergeError("not_imported", fromId);
    const into = intoId > 0 ? find(intoId) : undefined;
    if (!into) throw new MergeError("not_telegram_user", intoId);

    const tags = tx
      .insert(userTags)
      .select(
        tx
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
    const attributes = tx
      .insert(userAttributes)
      .select(
        tx
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
    const notes = tx
      .update(userNotes)
      .set({ userId: intoId })
      .where(eq(userNotes.userId, fromId))
      .run().changes;
    tx.update(linkClicks).set({ userId: intoId }).where(eq(linkClicks.userId, fromId)).run();
    tx.update(users).set({ referrerId: intoId }).where(eq(users.referrerId, fromId)).run();

    const hasFirstName = visibleName(into.firstName) !== null;
    const fromIsLater =
      from.lastMessageAt !== null && (into.lastMessageAt === null || from.lastMessageAt > into.lastMessageAt);
    tx.update(users)
      .set({
        firstName: hasFirstName ? into.firstName : (from.firstName ?? into.firstName),
        // Names taken from the imported record must survive the next update from Telegram.
        ...(hasFirstName || from.firstName === null ? {} : { namesEditedAt: new Date() }),
        lastName: visibleName(into.lastName) !== null ? into.lastName : (from.lastName ?? into.lastName),
        // A value taken from the imported record is the owner's data: only the owner makes those records.
        email: into.email ?? from.email,
        emailSource: into.email !== null ? into.emailSource : from.email === null ? null : "owner",
        phone: into.phone ?? from.phone,
        phoneSource: into.phone !== null ? into.phoneSource : from.phone === null ? null : "owner",
        timezone: into.timezone ?? from.timezone,
        gender: into.gender ?? from.gender,
        photoFileId: into.photoFileId ?? from.photoFileId,
        importedAt: into.importedAt ?? from.importedAt,
        referralCount: sql`${users.referralCount} + ${from.referralCount}`,
        sessionCount: sql`${users.sessionCount} + ${from.sessionCount}`,
        messageCount: sql`${users.messageCount} + ${from.messageCount}`,
        clickCount: sql`${users.clickCount} + ${from.clickCount}`,
        timeSpentSeconds: sql`${users.timeSpentSeconds} + ${from.timeSpentSeconds}`,
        sentimentTotal: sql`${users.sentimentTotal} + ${from.sentimentTotal}`,
        sentimentCount: sql`${users.sentimentCount} + ${from.sentimentCount}`,
        lastActivityAt: later(into.lastActivityAt, from.lastActivityAt),
        lastMessageText: fromIsLater ? from.lastMessageText : into.lastMessageText,
        lastMessageAt: later(into.lastMessageAt, from.lastMessageAt),
      })
      .where(eq(users.id, intoId))
      .run();
    // Whatever the Telegram user already had (their own tags and attributes) goes with the row.
    tx.delete(users).where(eq(users.id, fromId)).run();
    return { tags, attributes, notes };
  });
}

/** Imported contacts (no Telegram id yet) with this phone, oldest first; none for a phone that does not parse. */
export function findImportedByPhone(db: Db, phone: string): UserRecord[] {
  const normalized = normalizePhone(phone);
  if (normalized === null) return [];
  return db
    .select()
    .from(users)
    .where(and(lt(users.id, 0), eq(users.phone, normalized)))
    .orderBy(asc(users.firstSeenAt), asc(users.id))
    .all();
}

/** Imported contacts (no Telegram id yet) with this email, case-insensitively, oldest first. */
export function findImportedByEmail(db: Db, email: string): UserRecord[] {
  const normalized = normalizeEmail(email);
  if (normalized === null) return [];
  return db
    .select()
    .from(users)
    .where(and(lt(users.id, 0), sql`lower(${users.email}) = ${normalized.toLowerCase()}`))
    .orderBy(asc(users.firstSeenAt), asc(users.id))
    .all();
}
