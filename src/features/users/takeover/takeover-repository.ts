import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../../db/client.js";
import { setPlaceholder } from "../../../db/prepared.js";
import { relayedMessages, users } from "../../../db/schema/index.js";
import { isPaused, type PauseLength, pauseEnd } from "./pause.js";

function prepareStatements(db: Db) {
  const userId = sql.placeholder("userId");
  const adminChatId = sql.placeholder("adminChatId");
  return {
    record: db
      .insert(relayedMessages)
      .values({
        adminChatId,
        adminMessageId: sql.placeholder("adminMessageId"),
        userId,
        createdAt: sql.placeholder("now"),
      })
      .onConflictDoNothing()
      .prepare(),
    userOf: db
      .select({ userId: relayedMessages.userId })
      .from(relayedMessages)
      .where(
        and(
          eq(relayedMessages.adminChatId, adminChatId),
          eq(relayedMessages.adminMessageId, sql.placeholder("adminMessageId")),
        ),
      )
      .prepare(),
    first: db
      .select({ adminMessageId: relayedMessages.adminMessageId })
      .from(relayedMessages)
      .where(and(eq(relayedMessages.userId, userId), eq(relayedMessages.adminChatId, adminChatId)))
      .orderBy(asc(relayedMessages.createdAt), asc(relayedMessages.adminMessageId))
      .limit(1)
      .prepare(),
    setPausedUntil: db
      .update(users)
      .set({ pausedUntil: setPlaceholder("until") })
      .where(eq(users.id, userId))
      .prepare(),
  };
}

/**
 * Human takeover: pausing the bot for a user and the messages relayed between them and the admins.
 * A pause's relays are kept until the next pause starts, so admins can still answer after it ends.
 */
export class TakeoverRepository {
  private readonly statements: ReturnType<typeof prepareStatements>;

  constructor(private readonly db: Db) {
    this.statements = prepareStatements(db);
  }

  /**
   * Pauses the bot for a Telegram user; returns when the pause ends, or undefined when there is no
   * such user. A new pause (not an extension of a running one) drops the last pause's relays, so
   * the admins get a fresh user card.
   */
  pauseUser(userId: number, length: PauseLength, now: Date): Date | undefined {
    const until = pauseEnd(length);
    return this.db.transaction(() => {
      const user = this.db
        .select({ pausedUntil: users.pausedUntil })
        .from(users)
        .where(eq(users.id, userId))
        .get();
      if (!user || userId <= 0) return undefined;
      if (!isPaused(user.pausedUntil, now))
        this.db.delete(relayedMessages).where(eq(relayedMessages.userId, userId)).run();
      this.statements.setPausedUntil.run({ userId, until });
      return until;
    });
  }

  /** Ends the pause at once ("Resume bot"); false when there is no such user. */
  resumeUser(userId: number): boolean {
    return this.db.update(users).set({ pausedUntil: null }).where(eq(users.id, userId)).run().changes === 1;
  }

  /** Remembers that an admin-side message stands for this user, so a reply to it reaches them. */
  recordRelayed(adminChatId: number, adminMessageId: number, userId: number, now: Date): void {
    this.statements.record.run({ adminChatId, adminMessageId, userId, now });
  }

  /** The user an admin-side message was relayed for, if it was. */
  relayedUserId(adminChatId: number, adminMessageId: number): number | undefined {
    return this.statements.userOf.get({ adminChatId, adminMessageId })?.userId;
  }

  /** The first message relayed for this user to that chat in the current pause: their card. */
  cardMessageId(userId: number, adminChatId: number): number | undefined {
    return this.statements.first.get({ userId, adminChatId })?.adminMessageId;
  }
}
