import { doublePrecision, integer, pgTable, text } from "drizzle-orm/pg-core";
import { timestampMs } from "./columns.js";

/** The instances sending on one database, each with what it asks of the bot's one sending limit. */
export const budgetShares = pgTable("budget_shares", {
  instance: text("instance").primaryKey(),
  wantsReply: doublePrecision("wants_reply").notNull(),
  wantsAlert: doublePrecision("wants_alert").notNull(),
  wantsBroadcast: doublePrecision("wants_broadcast").notNull(),
  queued: integer("queued").notNull(),
  seenAt: timestampMs("seen_at").notNull(),
  pausedUntil: timestampMs("paused_until").notNull(),
});
