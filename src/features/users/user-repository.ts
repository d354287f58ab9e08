import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import type { User } from "grammy/types";
import type { Db } from "../../db/client.js";
import { inTransaction } from "../../db/in-transaction.js";
import { excluded, setPlaceholder } from "../../db/prepared.js";
import {
  type ContactSource,
  type UserRecord,
  userAttributes,
  userNotes,
  users,
  userTags,
} from "../../db/schema/index.js";
import { tagPattern } from "../gate/deeplinks/deeplink-tags.js";
import { sourceAfterWrite } from "./contact-sources.js";
import {
  checkedAttribute,
  checkedEmail,
  checkedGender,
  checkedName,
  checkedNote,
  checkedPhone,
  checkedTimezone,
  ProfileFieldError,
} from "./profile-fields.js";
import { randomCode } from "./random-code.js";

/** The stored records this feature hands to menus and routes. */
export type { UserRecord } from "../../db/schema/index.js";
export { contactSources, userStatuses } from "../../db/schema/index.js";

export type UserNote = typeof userNotes.$inferSelect;
export type UserAttribute = Omit<typeof userAttributes.$inferSelect, "userId">;

export interface Registration {
  referrerId: number | null;
  campaignId: number | null;
}

/** A registered user seen again after this long has their profile photo fetched again. */
export const photoRefetchAfterMs = 24 * 60 * 60_000;

/** The statements the gate runs on every update, compiled once per repository. */
function prepareStatements(db: Db) {
  const id = sql.placeholder("id");
  const now = setPlaceholder("now");
  return {
    touch: db
      .insert(users)
      .values({
        id,
        firstName: sql.placeholder("firstName"),
        lastName: sql.placeholder("lastName"),
        username: sql.placeholder("username"),
        languageCode: sql.placeholder("languageCode"),
        isPremium: sql.placeholder("isPremium"),
        firstSeenAt: sql.placeholder("now"),
        lastSeenAt: sql.placeholder("now"),
        referralCode: sql.placeholder("referralCode"),
      })
      .onConflictDoUpdate({
        target: users.id,
        set: {
          firstName: sql`CASE WHEN ${users.namesEditedAt} IS NULL THEN excluded.first_name ELSE ${users.firstName} END`,
          lastName: sql`CASE WHEN ${users.namesEditedAt} IS NULL THEN excluded.last_name ELSE ${users.lastName} END`,
          username: excluded(users.username),
          languageCode: excluded(users.languageCode),
          isPremium: excluded(users.isPremium),
          lastSeenAt: excluded(users.lastSeenAt),
          // A bot user back after a day or more: their profile photo is fetched again.
          photoDueAt: sql`CASE WHEN ${users.registeredAt} IS NOT NULL AND ${users.lastSeenAt} <= excluded.last_seen_at - ${photoRefetchAfterMs} THEN excluded.last_seen_at ELSE ${users.photoDueAt} END`,
        },
      })
      .returning()
      .prepare(),
    find: db.select().from(users).where(eq(users.id, id)).prepare(),
    findByReferralCode: db
      .select()
      .from(users)
      .where(eq(users.referralCode, sql.placeholder("code")))
      .prepare(),
    setStartPayload: db
      .update(users)
      .set({ startPayload: setPlaceholder("payload") })
      .where(eq(users.id, id))
      .prepare(),
    markCaptchaPassed: db.update(users).set({ captchaPassedAt: now }).where(eq(users.id, id)).prepare(),
    // Raw SQL: drizzle has no recursive CTE. The cast types the start (PostgreSQL reads a bare parameter as text).
    referralChainContains: db.$client.prepare<{ start: number; sought: number }, { found: number }>(`
      WITH RECURSIVE chain(id, depth) AS (
        SELECT CAST(@start AS INTEGER), 0
        UNION ALL
        SELECT u.referrer_id, chain.depth + 1 FROM users u JOIN chain ON u.id = chain.id
        WHERE u.referrer_id IS NOT NULL AND chain.depth < 10000
      )
      SELECT count(*) AS found FROM chain WHERE id = @sought`),
    register: db
      .update(users)
      .set({
        status: "active",
        registeredAt: now,
        referrerId: setPlaceholder("referrerId"),
        campaignId: setPlaceholder("campaignId"),
        photoDueAt: now,
      })
      .where(and(eq(users.id, id), eq(users.status, "pending")))
      .prepare(),
    creditReferrer: db
      .update(users)
      .set({ referralCount: sql`${users.referralCount} + 1` })
      .where(eq(users.id, id))
      .prepare(),
    claimNewUserAlert: db
      .update(users)
      .set({ newUserAlertSentAt: now })
      .where(and(eq(users.id, id), isNull(users.newUserAlertSentAt)))
      .prepare(),
    markDead: db
      .update(users)
      .set({ deadAt: now, deadReason: setPlaceholder("reason") })
      .where(eq(users.id, id))
      .prepare(),
    markAlive: db
      .update(users)
      .set({ deadAt: null, deadReason: null, failedDeliveries: 0 })
      .where(eq(users.id, id))
      .prepare(),
    addTag: db
      .insert(userTags)
      .values({ userId: id, tag: sql.placeholder("tag"), createdAt: sql.placeholder("now") })
      .onConflictDoNothing()
      .prepare(),
    tagsOf: db
      .select({ tag: userTags.tag })
      .from(userTags)
      .where(eq(userTags.userId, id))
      .orderBy(asc(userTags.tag))
      .prepare(),
  };
}

/** How stale `lastSeenAt` may be: segments and the card read it in days and minutes. */
const lastSeenPrecisionMs = 60_000;

/** True when Telegram's profile matches the record and the user was seen within the last minute. */
function isFreshProfile(user: UserRecord, from: User, now: number): boolean {
  const seen = user.lastSeenAt.getTime();
  return (
    seen <= now &&
    seen > now - lastSeenPrecisionMs &&
    (user.namesEditedAt !== null ||
      (user.firstName === (from.first_name ?? null) && user.lastName === (from.last_name ?? null))) &&
    user.username === (from.username ?? null) &&
    user.languageCode === (from.language_code ?? null) &&
    user.isPremium === (from.is_premium === true)
  );
}

/** Users as the bot sees them: upserted on every private update, registered by the gate. */
export class UserRepository {
  private readonly statements: ReturnType<typeof prepareStatements>;

  constructor(private readonly db: Db) {
    this.statements = prepareStatements(db);
  }

  /**
   * Creates the user on first contact or refreshes their Telegram profile and last-seen time. A
   * profile that did not change, seen less than a minute ago, is only read: the upsert rewrites four
   * indexed columns, on every update of a newcomer's burst.
   */
  touch(from: User, now: Date): UserRecord {
    const known = this.statements.find.get({ id: from.id });
    if (known && isFreshProfile(known, from, now.getTime())) return known;
    const user = this.statements.touch.get({
      id: from.id,
      firstName: from.first_name ?? null,
      lastName: from.last_name ?? null,
      username: from.username ?? null,
      languageCode: from.language_code ?? null,
      isPremium: from.is_premium === true,
      now,
      referralCode: randomCode(),
    });
    // An upsert with RETURNING always yields the row; the check only narrows the type.
    if (!user) throw new Error(`upserting user ${from.id} returned no row`);
    return user;
  }

  find(id: number): UserRecord | undefined {
    return this.statements.find.get({ id });
  }

  findByReferralCode(code: string): UserRecord | undefined {
    return this.statements.findByReferralCode.get({ code });
  }

  setStartPayload(id: number, payload: string | null): void {
    this.statements.setStartPayload.run({ id, payload });
  }

  /** Sets the language the user speaks (null: Telegram's `language_code` again); false for an unknown user. */
  setLanguage(id: number, language: string | null): boolean {
    return this.db.update(users).set({ language }).where(eq(users.id, id)).run().changes === 1;
  }

  markCaptchaPassed(id: number, now: Date): void {
    this.statements.markCaptchaPassed.run({ id, now });
  }

  /** True when `soughtId` is `startId` itself or anywhere up the referral chain from `startId`. */
  referralChainContains(startId: number, soughtId: number): boolean {
    const row = this.statements.referralChainContains.get({ start: startId, sought: soughtId });
    return (row?.found ?? 0) > 0;
  }

  /**
   * Makes a pending user a bot user, crediting the referral parent in the same transaction; their
   * profile photo is then due for the background fetch.
   * Returns false (and changes nothing) when the user was not pending.
   */
  register(id: number, registration: Registration, now: Date): boolean {
    // The prepared statements run on the transaction's connection (better-sqlite3 has only one).
    return inTransaction(this.db, () => {
      const changed = this.statements.register.run({ id, now, ...registration });
      if (changed.changes !== 1) return false;
      if (registration.referrerId !== null)
        this.statements.creditReferrer.run({ id: registration.referrerId });
      return true;
    });
  }

  /** Claims the one new-user alert of this user; true only for the first caller. */
  claimNewUserAlert(id: number, now: Date): boolean {
    return this.statements.claimNewUserAlert.run({ id, now }).changes === 1;
  }

  markDead(id: number, reason: string, now: Date): void {
    this.statements.markDead.run({ id, reason, now });
  }

  markAlive(id: number): void {
    this.statements.markAlive.run({ id });
  }

  addTags(id: number, tags: readonly string[], now: Date): void {
    if (tags.length === 0) return;
    if (tags.length === 1) {
      this.statements.addTag.run({ id, tag: tags[0], now });
      return;
    }
    inTransaction(this.db, () => {
      for (const tag of tags) this.statements.addTag.run({ id, tag, now });
    });
  }

  tagsOf(id: number): string[] {
    return this.statements.tagsOf.all({ id }).map((r) => r.tag);
  }

  // Profile edits (the users menu, the profile form, the HTTP API): rare, so built per call.
  // Each returns false when there is no such user; a refused value throws ProfileFieldError.

  /** Sets both name parts; blank means none (a first name of none makes a Dear User). */
  setNames(id: number, firstName: string | null, lastName: string | null, now = new Date()): boolean {
    return this.update(id, {
      firstName: checkedName(firstName),
      lastName: checkedName(lastName),
      namesEditedAt: now,
    });
  }

  /**
   * Sets the email (trimmed) or clears it with null. `source` says who vouches for it: the owner's
   * data unless the user typed it themselves (see contact-sources.ts).
   */
  setEmail(id: number, email: string | null, source: ContactSource = "owner"): boolean {
    const value = checkedEmail(email);
    const user = this.find(id);
    if (!user) return false;
    return this.update(id, { email: value, emailSource: sourceAfterWrite(user, "email", value, source) });
  }

  /** Sets the phone (normalised to + and 7–15 digits) or clears it with null; `source` as for setEmail. */
  setPhone(id: number, phone: string | null, source: ContactSource = "owner"): boolean {
    const value = checkedPhone(phone);
    const user = this.find(id);
    if (!user) return false;
    return this.update(id, { phone: value, phoneSource: sourceAfterWrite(user, "phone", value, source) });
  }

  /** Sets the IANA time zone or clears it with null. */
  setTimezone(id: number, zone: string | null): boolean {
    return this.update(id, { timezone: checkedTimezone(zone) });
  }

  /** Sets the gender (free short text) or clears it with null. */
  setGender(id: number, gender: string | null): boolean {
    return this.update(id, { gender: checkedGender(gender) });
  }

  /** Stores the profile photo's file_id (from getUserProfilePhotos), or null when the user has none. */
  setPhoto(id: number, fileId: string | null): boolean {
    return this.update(id, { photoFileId: fileId });
  }

  /** Keeps the user's session (and any open conversation) from expiring while on. */
  setInfiniteSession(id: number, on: boolean): boolean {
    return this.update(id, { infiniteSession: on });
  }

  /** Bans the user: the bot ignores them (admins excepted). */
  ban(id: number): boolean {
    return this.update(id, { status: "banned" });
  }

  /** Lifts a ban: back to a bot user if they had registered, else to the gate. */
  unban(id: number): boolean {
    const changed = this.db
      .update(users)
      .set({ status: sql`CASE WHEN ${users.registeredAt} IS NULL THEN 'pending' ELSE 'active' END` })
      .where(and(eq(users.id, id), eq(users.status, "banned")))
      .run();
    return changed.changes === 1;
  }

  /** Sets (or replaces) one custom attribute. */
  setAttribute(id: number, key: string, value: string, now: Date): boolean {
    const attribute = checkedAttribute(key, value);
    if (!this.find(id)) return false;
    this.db
      .insert(userAttributes)
      .values({ userId: id, ...attribute, updatedAt: now })
      .onConflictDoUpdate({
        target: [userAttributes.userId, userAttributes.key],
        set: { value: attribute.value, updatedAt: now },
      })
      .run();
    return true;
  }

  /** Removes one custom attribute; false when the user did not have it. */
  unsetAttribute(id: number, key: string): boolean {
    const removed = this.db
      .delete(userAttributes)
      .where(and(eq(userAttributes.userId, id), eq(userAttributes.key, key)))
      .run();
    return removed.changes === 1;
  }

  /** The user's custom attributes by key. */
  attributesOf(id: number): UserAttribute[] {
    return this.db
      .select({ key: userAttributes.key, value: userAttributes.value, updatedAt: userAttributes.updatedAt })
      .from(userAttributes)
      .where(eq(userAttributes.userId, id))
      .orderBy(asc(userAttributes.key))
      .all();
  }

  /** Adds one tag (lower-cased; letters, digits, `_` and `-`); false when the user already had it or does not exist. */
  addTag(id: number, tag: string, now: Date): boolean {
    const normalized = tag.trim().toLowerCase();
    if (!tagPattern.test(normalized)) throw new ProfileFieldError("invalid_tag", tag);
    if (!this.find(id)) return false;
    return this.statements.addTag.run({ id, tag: normalized, now }).changes === 1;
  }

  /** Removes one tag; false when the user did not have it. */
  removeTag(id: number, tag: string): boolean {
    const removed = this.db
      .delete(userTags)
      .where(and(eq(userTags.userId, id), eq(userTags.tag, tag.trim().toLowerCase())))
      .run();
    return removed.changes === 1;
  }

  /** Adds a note by an admin (or null for the system); undefined when there is no such user. */
  addNote(id: number, authorId: number | null, text: string, now: Date): UserNote | undefined {
    const checked = checkedNote(text);
    if (!this.find(id)) return undefined;
    return this.db
      .insert(userNotes)
      .values({ userId: id, authorId, text: checked, createdAt: now })
      .returning()
      .get();
  }

  /** The user's notes, newest first. */
  notesOf(id: number): UserNote[] {
    return this.db
      .select()
      .from(userNotes)
      .where(eq(userNotes.userId, id))
      .orderBy(desc(userNotes.createdAt), desc(userNotes.id))
      .all();
  }

  /** Replaces the text of one note of this user; undefined when it is not theirs or gone. */
  editNote(id: number, noteId: number, text: string): UserNote | undefined {
    return this.db
      .update(userNotes)
      .set({ text: checkedNote(text) })
      .where(and(eq(userNotes.id, noteId), eq(userNotes.userId, id)))
      .returning()
      .get();
  }

  /** Deletes one note of this user; false when it is not theirs or already gone. */
  deleteNote(id: number, noteId: number): boolean {
    const removed = this.db
      .delete(userNotes)
      .where(and(eq(userNotes.id, noteId), eq(userNotes.userId, id)))
      .run();
    return removed.changes === 1;
  }

  private update(id: number, values: Partial<typeof users.$inferInsert>): boolean {
    return this.db.update(users).set(values).where(eq(users.id, id)).run().changes === 1;
  }
}
