import { and, eq, isNull, sql } from "drizzle-orm";
import type { User } from "grammy/types";
import type { Db } from "../../db/client.js";
import { type UserRecord, users, userTags } from "../../db/schema/index.js";
import { randomCode } from "./random-code.js";

export interface Registration {
  referrerId: number | null;
  campaignId: number | null;
}

/** Users as the bot sees them: upserted on every private update, registered by the gate. */
export class UserRepository {
  constructor(private readonly db: Db) {}

  /** Creates the user on first contact or refreshes their Telegram profile and last-seen time. */
  touch(from: User, now: Date): UserRecord {
    const profile = {
      firstName: from.first_name ?? null,
      lastName: from.last_name ?? null,
      username: from.username ?? null,
      languageCode: from.language_code ?? null,
      isPremium: from.is_premium === true,
      lastSeenAt: now,
    };
    return this.db
      .insert(users)
      .values({ id: from.id, ...profile, firstSeenAt: now, referralCode: randomCode() })
      .onConflictDoUpdate({ target: users.id, set: profile })
      .returning()
      .get();
  }

  find(id: number): UserRecord | undefined {
    return this.db.select().from(users).where(eq(users.id, id)).get();
  }

  findByReferralCode(code: string): UserRecord | undefined {
    return this.db.select().from(users).where(eq(users.referralCode, code)).get();
  }

  setStartPayload(id: number, payload: string | null): void {
    this.db.update(users).set({ startPayload: payload }).where(eq(users.id, id)).run();
  }

  markCaptchaPassed(id: number, now: Date): void {
    this.db.update(users).set({ captchaPassedAt: now }).where(eq(users.id, id)).run();
  }

  /** True when `soughtId` is `startId` itself or anywhere up the referral chain from `startId`. */
  referralChainContains(startId: number, soughtId: number): boolean {
    const row = this.db.get<{ found: number }>(sql`
      WITH RECURSIVE chain(id, depth) AS (
        SELECT ${startId}, 0
        UNION ALL
        SELECT u.referrer_id, chain.depth + 1 FROM users u JOIN chain ON u.id = chain.id
        WHERE u.referrer_id IS NOT NULL AND chain.depth < 10000
      )
      SELECT count(*) AS found FROM chain WHERE id = ${soughtId}`);
    return (row?.found ?? 0) > 0;
  }

  /**
   * Makes a pending user a bot user, crediting the referral parent in the same transaction.
   * Returns false (and changes nothing) when the user was not pending.
   */
  register(id: number, registration: Registration, now: Date): boolean {
    return this.db.transaction((tx) => {
      const changed = tx
        .update(users)
        .set({ status: "active", registeredAt: now, ...registration })
        .where(and(eq(users.id, id), eq(users.status, "pending")))
        .run();
      if (changed.changes !== 1) return false;
      if (registration.referrerId !== null) {
        tx.update(users)
          .set({ referralCount: sql`${users.referralCount} + 1` })
          .where(eq(users.id, registration.referrerId))
          .run();
      }
      return true;
    });
  }

  /** Claims the one new-user alert of this user; true only for the first caller. */
  claimNewUserAlert(id: number, now: Date): boolean {
    const changed = this.db
      .update(users)
      .set({ newUserAlertSentAt: now })
      .where(and(eq(users.id, id), isNull(users.newUserAlertSentAt)))
      .run();
    return changed.changes === 1;
  }

  markDead(id: number, reason: string, now: Date): void {
    this.db.update(users).set({ deadAt: now, deadReason: reason }).where(eq(users.id, id)).run();
  }

  markAlive(id: number): void {
    this.db
      .update(users)
      .set({ deadAt: null, deadReason: null, failedDeliveries: 0 })
      .where(eq(users.id, id))
      .run();
  }

  addTags(id: number, tags: readonly string[], now: Date): void {
    if (tags.length === 0) return;
    this.db
      .insert(userTags)
      .values(tags.map((tag) => ({ userId: id, tag, createdAt: now })))
      .onConflictDoNothing()
      .run();
  }

  tagsOf(id: number): string[] {
    return this.db
      .select({ tag: userTags.tag })
      .from(userTags)
      .where(eq(userTags.userId, id))
      .all()
      .map((r) => r.tag);
  }
}
