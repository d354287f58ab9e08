import { integer, real, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * The instances sending on one database, each with what it asks of the bot's one sending limit:
 * each row is written by its instance a few times a second, and every instance divides the limit
 * among the rows seen lately (src/features/budget/).
 */
export const budgetShares = sqliteTable("budget_shares", {
  /** A random id of the instance's process (the lease holder id). */
  instance: text("instance").primaryKey(),
  /** Free turns a second it asks for at each priority: those it took in the last second plus those waiting. */
  wantsReply: real("wants_reply").notNull(),
  wantsAlert: real("wants_alert").notNull(),
  wantsBroadcast: real("wants_broadcast").notNull(),
  /** Calls waiting for a turn now: the limit no instance asks for goes to those with a queue. */
  queued: integer("queued").notNull(),
  seenAt: integer("seen_at", { mode: "timestamp_ms" }).notNull(),
  /** Until when every instance waits after Telegram answered this one 429 (the limit is the bot's). */
  pausedUntil: integer("paused_until", { mode: "timestamp_ms" }).notNull(),
});

export type BudgetShareRecord = typeof budgetShares.$inferSelect;
