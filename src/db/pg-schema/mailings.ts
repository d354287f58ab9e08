import { sql } from "drizzle-orm";
import { bigint, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import type { MailingAudience, MailingOptions, MailingPayload } from "../../features/mailing/mailing.js";
import { deliveryStates, mailingKinds, mailingStatuses } from "../schema/mailings.js";
import { serialId, telegramId, timestampMs } from "./columns.js";
import { users } from "./users.js";

/** A broadcast (or a silent Check Users probe) and its running totals. */
export const mailings = pgTable(
  "mailings",
  {
    id: serialId("id"),
    kind: text("kind", { enum: mailingKinds }).notNull(),
    status: text("status", { enum: mailingStatuses }).notNull(),
    payload: jsonb("payload").$type<MailingPayload>().notNull(),
    audience: jsonb("audience").$type<MailingAudience>().notNull(),
    options: jsonb("options").$type<MailingOptions>().notNull(),
    createdBy: telegramId("created_by"),
    createdAt: timestampMs("created_at").notNull(),
    scheduledAt: timestampMs("scheduled_at"),
    startedAt: timestampMs("started_at"),
    finishedAt: timestampMs("finished_at"),
    estimatedRecipients: bigint("estimated_recipients", { mode: "number" }),
    total: bigint("total", { mode: "number" }).notNull().default(0),
    sent: bigint("sent", { mode: "number" }).notNull().default(0),
    failed: bigint("failed", { mode: "number" }).notNull().default(0),
    unknown: bigint("unknown", { mode: "number" }).notNull().default(0),
    newlyDead: bigint("newly_dead", { mode: "number" }).notNull().default(0),
    revived: bigint("revived", { mode: "number" }).notNull().default(0),
    statusChatId: telegramId("status_chat_id"),
    statusMessageId: bigint("status_message_id", { mode: "number" }),
  },
  (t) => [index("mailings_status_idx").on(t.status)],
);

/** One recipient of one mailing: pending → sending → sent | failed, or unknown after a crash. */
export const deliveries = pgTable(
  "deliveries",
  {
    mailingId: bigint("mailing_id", { mode: "number" })
      .notNull()
      .references(() => mailings.id, { onDelete: "cascade" }),
    userId: telegramId("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    state: text("state", { enum: deliveryStates }).notNull().default("pending"),
    attempts: bigint("attempts", { mode: "number" }).notNull().default(0),
    errorKind: text("error_kind"),
    errorDescription: text("error_description"),
    updatedAt: timestampMs("updated_at"),
    pollId: text("poll_id"),
  },
  (t) => [
    primaryKey({ columns: [t.mailingId, t.userId] }),
    index("deliveries_state_idx").on(t.mailingId, t.state),
    uniqueIndex("deliveries_poll_idx").on(t.pollId).where(sql`${t.pollId} IS NOT NULL`),
  ],
);
