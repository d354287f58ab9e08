import { bigint, boolean, integer, pgTable, text } from "drizzle-orm/pg-core";
import { timestampMs } from "./columns.js";

/** The instances sending on one database (see the SQLite schema). */
export const budgetInstances = pgTable("budget_instances", {
  instance: text("instance").primaryKey(),
  seenAt: timestampMs("seen_at").notNull(),
  sharing: boolean("sharing").notNull(),
  pausedUntil: timestampMs("paused_until").notNull(),
});

/** The one limit's turns while several instances send (see the SQLite schema). */
export const budgetClock = pgTable("budget_clock", {
  id: integer("id").primaryKey(),
  lastTurnUs: bigint("last_turn_us", { mode: "number" }).notNull(),
});
