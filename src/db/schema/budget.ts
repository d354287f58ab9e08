import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * The instances sending on one database: each writes its row a few times a second, and while
 * another's row is there they take their turns from `budget_clock` (src/features/budget/).
 */
export const budgetInstances = sqliteTable("budget_instances", {
  /** A random id of the instance's process (the lease holder id). */
  instance: text("instance").primaryKey(),
  seenAt: integer("seen_at", { mode: "timestamp_ms" }).notNull(),
  /** It takes its turns from the clock now: the others may, once every live instance does. */
  sharing: integer("sharing", { mode: "boolean" }).notNull(),
  /** Until when every instance waits after Telegram answered this one 429 (the limit is the bot's). */
  pausedUntil: integer("paused_until", { mode: "timestamp_ms" }).notNull(),
});

/**
 * The one limit's turns while several instances send: a single row, the time of the last turn
 * given (µs since the epoch). An instance takes the next by moving it on by one spacing, in one
 * statement.
 */
export const budgetClock = sqliteTable("budget_clock", {
  id: integer("id").primaryKey(),
  lastTurnUs: integer("last_turn_us").notNull(),
});

export type BudgetInstanceRecord = typeof budgetInstances.$inferSelect;
