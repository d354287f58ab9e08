import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * New-user alerts per calendar minute (UTC): how many newcomers got an alert of their own and how
 * many were left to the minute's digest. Committed with each newcomer's claim, so counts survive a
 * restart; `finishedAt` is set once every admin's digest shows the minute's final count.
 */
export const newUserAlertMinutes = sqliteTable("new_user_alert_minutes", {
  minuteStart: integer("minute_start", { mode: "timestamp_ms" }).primaryKey(),
  alerted: integer("alerted").notNull().default(0),
  digested: integer("digested").notNull().default(0),
  finishedAt: integer("finished_at", { mode: "timestamp_ms" }),
});

/** The newcomers of a minute's digest by where they came from: `direct`, `campaign:<id>`, `referrer:<id>`. */
export const newUserAlertSources = sqliteTable(
  "new_user_alert_sources",
  {
    minuteStart: integer("minute_start", { mode: "timestamp_ms" })
      .notNull()
      .references(() => newUserAlertMinutes.minuteStart, { onDelete: "cascade" }),
    source: text("source").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.minuteStart, t.source] })],
);

/** The digest message one admin has for a minute, edited in place; no message id when it could not be sent. */
export const newUserAlertDigests = sqliteTable(
  "new_user_alert_digests",
  {
    minuteStart: integer("minute_start", { mode: "timestamp_ms" })
      .notNull()
      .references(() => newUserAlertMinutes.minuteStart, { onDelete: "cascade" }),
    adminId: integer("admin_id").notNull(),
    messageId: integer("message_id"),
    /** The count the message shows now. */
    shown: integer("shown").notNull(),
    /** Whether it shows the minute as over (no longer "still counting"). */
    final: integer("final", { mode: "boolean" }).notNull(),
    /** When the message was last sent or edited (edits are paced per admin). */
    editedAt: integer("edited_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.minuteStart, t.adminId] })],
);

export type NewUserAlertMinute = typeof newUserAlertMinutes.$inferSelect;
export type NewUserAlertDigest = typeof newUserAlertDigests.$inferSelect;
