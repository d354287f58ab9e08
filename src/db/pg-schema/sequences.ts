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
import type { FormButton, SequenceContent } from "../../features/sequences/sequence.js";
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
  triggerCampaignId: integer("trigger_campaign_id"),
  enrolledThrough: timestampMs("enrolled_through").notNull(),
  createdBy: telegramId("created_by"),
  createdAt: timestampMs("created_at").notNull(),
});

/** One step: what is sent, how long after the previous one, and in which hours of the day. */
export const sequenceSteps = pgTable(
  "sequence_steps",
  {
    id: serialId("id"),
    sequenceId: integer("sequence_id")
      .notNull()
      .references(() => sequences.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    content: jsonb("content").$type<SequenceContent>().notNull(),
    buttons: jsonb("buttons").$type<UrlButton[][]>().notNull().default([]),
    // Past 2^31 ms is under 25 days: a delay may well be longer.
    delayMs: bigint("delay_ms", { mode: "number" }).notNull(),
    windowStart: integer("window_start"),
    windowEnd: integer("window_end"),
    formButton: jsonb("form_button").$type<FormButton>(),
  },
  (t) => [uniqueIndex("sequence_steps_position_idx").on(t.sequenceId, t.position)],
);

/** A user in a sequence: the next step to send and when it is due. */
export const sequenceSubscriptions = pgTable(
  "sequence_subscriptions",
  {
    id: serialId("id"),
    sequenceId: integer("sequence_id")
      .notNull()
      .references(() => sequences.id, { onDelete: "cascade" }),
    userId: telegramId("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: text("status", { enum: subscriptionStatuses }).notNull(),
    position: integer("position").notNull(),
    round: integer("round").notNull().default(0),
    dueAt: timestampMs("due_at"),
    source: text("source").notNull(),
    subscribedAt: timestampMs("subscribed_at").notNull(),
    stoppedAt: timestampMs("stopped_at"),
    stopReason: text("stop_reason"),
    stoppedStepId: integer("stopped_step_id"),
    failedAttempts: integer("failed_attempts").notNull().default(0),
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
    subscriptionId: integer("subscription_id")
      .notNull()
      .references(() => sequenceSubscriptions.id, { onDelete: "cascade" }),
    round: integer("round").notNull(),
    position: integer("position").notNull(),
    stepId: integer("step_id").notNull(),
    status: text("status", { enum: stepSendStatuses }).notNull(),
    messageId: integer("message_id"),
    error: text("error"),
    at: timestampMs("at").notNull(),
    pollId: text("poll_id"),
  },
  (t) => [
    primaryKey({ columns: [t.subscriptionId, t.round, t.position] }),
    index("sequence_sends_step_idx").on(t.stepId, t.status),
    index("sequence_sends_status_idx").on(t.status),
    index("sequence_sends_poll_idx").on(t.pollId),
  ],
);

/** One subscriber's answer to a poll step: the options they chose. */
export const sequencePollAnswers = pgTable(
  "sequence_poll_answers",
  {
    stepId: integer("step_id")
      .notNull()
      .references(() => sequenceSteps.id, { onDelete: "cascade" }),
    option: integer("option").notNull(),
    userId: telegramId("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    answeredAt: timestampMs("answered_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.stepId, t.option, t.userId] }),
    index("sequence_poll_answers_user_idx").on(t.userId, t.stepId),
  ],
);
