import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { MailingAudience, MailingOptions, MailingPayload } from "../../features/mailing/mailing.js";
import { users } from "./users.js";

export const mailingKinds = ["mailing", "check_users"] as const;
export const mailingStatuses = [
  "scheduled",
  "queued",
  "running",
  "paused",
  "cancelled",
  "completed",
] as const;
export type MailingStatus = (typeof mailingStatuses)[number];

/** A broadcast (or a silent Check Users probe) and its running totals. */
export const mailings = sqliteTable(
  "mailings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: mailingKinds }).notNull(),
    status: text("status", { enum: mailingStatuses }).notNull(),
    payload: text("payload", { mode: "json" }).$type<MailingPayload>().notNull(),
    audience: text("audience", { mode: "json" }).$type<MailingAudience>().notNull(),
    options: text("options", { mode: "json" }).$type<MailingOptions>().notNull(),
    createdBy: integer("created_by"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    scheduledAt: integer("scheduled_at", { mode: "timestamp_ms" }),
    startedAt: integer("started_at", { mode: "timestamp_ms" }),
    finishedAt: integer("finished_at", { mode: "timestamp_ms" }),
    /** How many users the audience matched when the mailing was made (null before this was kept). */
    estimatedRecipients: integer("estimated_recipients"),
    /** Recipients snapshotted at the start; counters below add up to it when finished. */
    total: integer("total").notNull().default(0),
    sent: integer("sent").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    unknown: integer("unknown").notNull().default(0),
    newlyDead: integer("newly_dead").notNull().default(0),
    revived: integer("revived").notNull().default(0),
    /** Where the admin watches progress (edited in place). */
    statusChatId: integer("status_chat_id"),
    statusMessageId: integer("status_message_id"),
  },
  (t) => [index("mailings_status_idx").on(t.status)],
);

export type MailingRecord = typeof mailings.$inferSelect;

export const deliveryStates = ["pending", "sending", "sent", "failed", "unknown"] as const;
export type DeliveryState = (typeof deliveryStates)[number];

/** One recipient of one mailing: pending → sending → sent | failed, or unknown after a crash. */
export const deliveries = sqliteTable(
  "deliveries",
  {
    mailingId: integer("mailing_id")
      .notNull()
      .references(() => mailings.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    state: text("state", { enum: deliveryStates }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    errorKind: text("error_kind"),
    errorDescription: text("error_description"),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
    /** The poll Telegram made for this recipient's message (a poll mailing), so its answers find their voter. */
    pollId: text("poll_id"),
  },
  (t) => [
    primaryKey({ columns: [t.mailingId, t.userId] }),
    index("deliveries_state_idx").on(t.mailingId, t.state),
    uniqueIndex("deliveries_poll_idx").on(t.pollId).where(sql`${t.pollId} IS NOT NULL`),
  ],
);

export type DeliveryRecord = typeof deliveries.$inferSelect;
