import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { UrlButton } from "../../features/mailing/mailing.js";
import type { FormButton, SequenceContent } from "../../features/sequences/sequence.js";
import { users } from "./users.js";

export const resubscribeModes = ["restart", "resume"] as const;
export type ResubscribeMode = (typeof resubscribeModes)[number];

/** A drip campaign: ordered steps sent one after another to each subscriber. */
export const sequences = sqliteTable("sequences", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull(),
  enabled: integer("enabled", { mode: "boolean" }).notNull().default(false),
  /** What a subscriber who comes back gets: the first step again, or the step where they stopped. */
  resubscribe: text("resubscribe", { enum: resubscribeModes }).notNull().default("restart"),
  /** Each step carries a "stop these messages" button. */
  stopButton: integer("stop_button", { mode: "boolean" }).notNull().default(false),
  /** Users who register (from the time this is switched on) are subscribed. */
  onRegistration: integer("on_registration", { mode: "boolean" }).notNull().default(false),
  /** Users who get this tag (from the time this is set) are subscribed. */
  triggerTag: text("trigger_tag"),
  /** Users who open the deeplink with this code are subscribed. */
  triggerDeeplink: text("trigger_deeplink"),
  /**
   * Newcomers who come through this campaign link are subscribed. No foreign key (SQLite cannot add
   * one with ON DELETE to a table): campaign ids are never reused, so a deleted one matches nobody.
   */
  triggerCampaignId: integer("trigger_campaign_id"),
  /** Registrations and tags up to this time were looked at for subscribing (ms; the triggers' watermark). */
  enrolledThrough: integer("enrolled_through", { mode: "timestamp_ms" }).notNull(),
  createdBy: integer("created_by"),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
});

export type SequenceRecord = typeof sequences.$inferSelect;

/** One step: what is sent, how long after the previous one, and in which hours of the day. */
export const sequenceSteps = sqliteTable(
  "sequence_steps",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    sequenceId: integer("sequence_id")
      .notNull()
      .references(() => sequences.id, { onDelete: "cascade" }),
    /** 0, 1, 2…: kept dense by the verbs. */
    position: integer("position").notNull(),
    content: text("content", { mode: "json" }).$type<SequenceContent>().notNull(),
    buttons: text("buttons", { mode: "json" }).$type<UrlButton[][]>().notNull().default([]),
    /** A button under the URL buttons that starts one of the bot's forms; null for none. */
    formButton: text("form_button", { mode: "json" }).$type<FormButton>(),
    delayMs: integer("delay_ms").notNull(),
    /** Sending window in minutes after midnight, local to the user; both null for any time. */
    windowStart: integer("window_start"),
    windowEnd: integer("window_end"),
  },
  (t) => [uniqueIndex("sequence_steps_position_idx").on(t.sequenceId, t.position)],
);

export type SequenceStepRecord = typeof sequenceSteps.$inferSelect;

export const subscriptionStatuses = ["active", "completed", "stopped"] as const;
export type SubscriptionStatus = (typeof subscriptionStatuses)[number];

/** A user in a sequence: the next step to send and when it is due. */
export const sequenceSubscriptions = sqliteTable(
  "sequence_subscriptions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    sequenceId: integer("sequence_id")
      .notNull()
      .references(() => sequences.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: text("status", { enum: subscriptionStatuses }).notNull(),
    /** The next step's position. */
    position: integer("position").notNull(),
    /** Incremented by each restart, so a restarted subscription's sends are records of their own. */
    round: integer("round").notNull().default(0),
    /** When the next step is due (ms); null unless active. */
    dueAt: integer("due_at", { mode: "timestamp_ms" }),
    /** How the user came in: registration, tag, deeplink, admin, api. */
    source: text("source").notNull(),
    subscribedAt: integer("subscribed_at", { mode: "timestamp_ms" }).notNull(),
    stoppedAt: integer("stopped_at", { mode: "timestamp_ms" }),
    /** Why it stopped: admin, api, user, dead. */
    stopReason: text("stop_reason"),
    /** The step whose button the user pressed to stop (per-step unsubscribes). */
    stoppedStepId: integer("stopped_step_id"),
    /** Network failures of the next step so far: its retries are bounded; back to 0 when it moves on. */
    failedAttempts: integer("failed_attempts").notNull().default(0),
  },
  (t) => [
    uniqueIndex("sequence_subscriptions_user_idx").on(t.sequenceId, t.userId),
    index("sequence_subscriptions_due_idx").on(t.status, t.dueAt),
    index("sequence_subscriptions_by_user_idx").on(t.userId),
  ],
);

export type SubscriptionRecord = typeof sequenceSubscriptions.$inferSelect;

export const stepSendStatuses = ["sending", "sent", "failed", "unknown"] as const;

/**
 * One step sent to one subscriber (per round): written "sending" durably before the call, so a
 * step is claimed once and never sent twice, even after a crash.
 */
export const sequenceSends = sqliteTable(
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
    /** The poll Telegram made for this send of a poll step: its answers come back by this id. */
    pollId: text("poll_id"),
    error: text("error"),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.subscriptionId, t.round, t.position] }),
    index("sequence_sends_step_idx").on(t.stepId, t.status),
    index("sequence_sends_status_idx").on(t.status),
    index("sequence_sends_poll_idx").on(t.pollId),
  ],
);

/** What a subscriber chose in a poll step: one row per chosen option, the latest answer only. */
export const sequencePollAnswers = sqliteTable(
  "sequence_poll_answers",
  {
    stepId: integer("step_id")
      .notNull()
      .references(() => sequenceSteps.id, { onDelete: "cascade" }),
    /** The option's number, counted from 1 as in mailings' polls. */
    option: integer("option").notNull(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    answeredAt: integer("answered_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.stepId, t.option, t.userId] }),
    index("sequence_poll_answers_user_idx").on(t.userId, t.stepId),
  ],
);
