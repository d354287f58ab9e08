import { bigint, boolean, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { telegramId, timestampMs } from "./columns.js";

/** New-user alerts per calendar minute (UTC): alerted on their own, or left to the minute's digest. */
export const newUserAlertMinutes = pgTable("new_user_alert_minutes", {
  minuteStart: timestampMs("minute_start").primaryKey(),
  alerted: bigint("alerted", { mode: "number" }).notNull().default(0),
  digested: bigint("digested", { mode: "number" }).notNull().default(0),
  finishedAt: timestampMs("finished_at"),
});

/** The newcomers of a minute's digest by where they came from. */
export const newUserAlertSources = pgTable(
  "new_user_alert_sources",
  {
    minuteStart: timestampMs("minute_start")
      .notNull()
      .references(() => newUserAlertMinutes.minuteStart, { onDelete: "cascade" }),
    source: text("source").notNull(),
    count: bigint("count", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.minuteStart, t.source] })],
);

/** The digest message one admin has for a minute, edited in place. */
export const newUserAlertDigests = pgTable(
  "new_user_alert_digests",
  {
    minuteStart: timestampMs("minute_start")
      .notNull()
      .references(() => newUserAlertMinutes.minuteStart, { onDelete: "cascade" }),
    adminId: telegramId("admin_id").notNull(),
    messageId: bigint("message_id", { mode: "number" }),
    shown: bigint("shown", { mode: "number" }).notNull(),
    final: boolean("final").notNull(),
    editedAt: timestampMs("edited_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.minuteStart, t.adminId] })],
);
