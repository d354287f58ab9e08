import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import type { UrlButton } from "../../features/mailing/mailing.js";
import type { SequenceContent } from "../../features/sequences/sequence.js";
import { resubscribeModes, stepSendStatuses, subscriptionStatuses } from "../schema/sequences.js";
import { serialId, telegramId, timestampMs } from "./columns.js";
import { users } from "./users.js";

/** A drip campaign: ordered steps sent one after another to each subscriber. */
export const sequences = pgTable("sequences", {
  id: serialId("id"),
  name: text("name").notNull(),
  enabled: boolean("enabled").notNull().default(false),
  resubscribe: text("resubscribe", { enum: resubscribeModes }).notNull().default("restart"),
  stopButton: boolean("stop_button").notNull().default(false),
  onRegistration: boolean("on_registration").notNull().default(false),
  triggerTag: text("trigger_tag"),
  triggerDeeplink: text("trigger_deeplink"),
  enrolledThrough: timestampMs("enrolled_through").notNull(),
  createdBy: telegramId("created_by"),
  createdAt: timestampMs("created_at").notNull(),
});

/** One step: what is sent, how long after the previous one, and in which hours of the day. */
export const sequenceSteps = pgTable(
  "sequence_steps",
  {
    id: serialId("id"),
    sequenceId: bigint("sequence_id", { mode: "number" })
      .notNull()
      .references(() => sequences.id, { onDelete: "cascade" }),
    position: bigint("position", { mode: "number" }).notNull(),
    content: jsonb("content").$type<SequenceContent>().notNull(),
    buttons: jsonb("buttons").$type<UrlButton[][]>().notNull().default([]),
    // Past 2^31 ms is under 25 days: a delay may well be longer.
    delayMs: bigint("delay_ms", { mode: "number" }).notNull(),
    windowStart: bigint("window_start", { mode: "number" }),
    windowEnd: bigint("window_end", { mode: "number" }),
  },
  (t) => [uniqueIndex("sequence_steps_position_idx").on(t.sequenceId, t.position)],
);

/** A user in a sequence: the next step to send and when it is due. */
export const sequenceSubscriptions = pgTable(
  "sequence_subscriptions",
  {
    id: serialId("id"),
    sequenceId: bigint("sequence_id", { mode: "number" })
      .notNull()
      .references(() => sequences.id, { onDelete: "cascade" }),
    userId: telegramId("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: text("status", { enum: subscriptionStatuses }).notNull(),
    position: bigint("position", { mode: "number" }).notNull(),
    round: bigint("round", { mode: "number" }).notNull().default(0),
    dueAt: timestampMs("due_at"),
    source: text("source").notNull(),
    subscribedAt: timestampMs("subscribed_at").notNull(),
    stoppedAt: timestampMs("stopped_at"),
    stopReason: text("stop_reason"),
    stoppedStepId: bigint("stopped_step_id", { mode: "number" }),
  },
  (t) => [
    uniqueIndex("sequence_subscriptions_user_idx").on(t.sequenceId, t.userId),
    index("sequence_subscriptions_due_idx").on(t.status, t.dueAt),
    index("sequence_subscriptions_by_user_idx").on(t.userId),
  ],
);

/** One step sent to one subscriber (per round), written "sending" before the call. */
export const sequenceSends = pgTable(
  "sequence_sends",
  {
    subscriptionId: bigint("subscription_id", { mode: "number" })
      .notNull()
      .references(() => sequenceSubscriptions.id, { onDelete: "cascade" }),
    round: bigint("round", { mode: "number" }).notNull(),
    position: bigint("position", { mode: "number" }).notNull(),
    stepId: bigint("step_id", { mode: "number" }).notNull(),
    status: text("status", { enum: stepSendStatuses }).notNull(),
    messageId: bigint("message_id", { mode: "number" }),
    error: text("error"),
    at: timestampMs("at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.subscriptionId, t.round, t.position] }),
    index("sequence_sends_step_idx").on(t.stepId, t.status),
    index("sequence_sends_status_idx").on(t.status),
  ],
);
