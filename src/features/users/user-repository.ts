import { and, eq, isNull, sql } from "drizzle-orm";
import type { User } from "grammy/types";
import type { Db } from "../../db/client.js";
import { excluded, setPlaceholder } from "../../db/prepared.js";
import { type UserRecord, users, userTags } from "../../db/schema/index.js";
import { randomCode } from "./random-code.js";

export interface Registration {
  referrerId: number | null;
  campaignId: number | null;
}

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
          firstName: excluded(users.firstName),
          lastName: excluded(users.lastName),
          username: excluded(users.username),
          languageCode: excluded(users.languageCode),
          isPremium: excluded(users.isPremium),
          lastSeenAt: excluded(users.lastSeenAt),
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
    // Raw SQL: drizzle has no recursive CTE.
    referralChainContains: db.$client.prepare<{ start: number; sought: number }, { found: number }>(`
      WITH RECURSIVE chain(id, depth) AS (
        SELECT @start, 0
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
    tagsOf: db.select({ tag: userTags.tag }).from(userTags).where(eq(userTags.userId, id)).prepare(),
  };
}

/** Users as the bot sees them: upserted on every private update, registered by the gate. */
export class UserRepository {
  private readonly statements: ReturnType<typeof prepareStatements>;

  constructor(private readonly db: Db) {
    this.statements = prepareStatements(db);
  }

  /** Creates the user on first contact or refreshes their Telegram profile and last-seen time. */
  touch(from: User, now: Date): UserRecord {
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

  markCaptchaPassed(id: number, now: Date): void {
    this.statements.markCaptchaPassed.run({ id, now });
  }

  /** True when `soughtId` is `startId` itself or anywhere up the referral chain from `startId`. */
  referralChainContains(startId: number, soughtId: number): boolean {
    const row = this.statements.referralChainContains.get({ start: startId, sought: soughtId });
    return (row?.found ?? 0) > 0;
  }

  /**
   * Makes a pending user a bot user, crediting the referral parent in the same transaction.
   * Returns false (and changes nothing) when the user was not pending.
   */
  register(id: number, registration: Registration, now: Date): boolean {
    // The prepared statements run on the transaction's connection (better-sqlite3 has only one).
    return this.db.transaction(() => {
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
    this.db.transaction(() => {
      for (const tag of tags) this.statements.addTag.run({ id, tag, now });
    });
  }

  tagsOf(id: number): string[] {
    return this.statements.tagsOf.all({ id }).map((r) => r.tag);
  }
}
