import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./users.js";

/** What a question asks for; `phone` comes only through the request-contact button, so Telegram vouches for it. */
export const questionKinds = ["text", "number", "email", "phone", "date", "choice", "photo"] as const;
export type QuestionKind = (typeof questionKinds)[number];

/**
 * Where an answer is written: a profile field of the user, one of their attributes, or (a choice
 * question whose choices are topic names, target `topic`) a subscription to the chosen topic.
 */
export const targetKinds = ["field", "attribute", "topic"] as const;
export type TargetKind = (typeof targetKinds)[number];

/** How a user's run of a form stands. */
export const formRunStatuses = ["open", "completed", "cancelled", "expired"] as const;
export type FormRunStatus = (typeof formRunStatuses)[number];

/** An admin-built form: questions asked one by one, started by its link, /profile or the API. */
export const forms = sqliteTable("forms", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull(),
  /** The `?start=<code>` payload that starts the form. */
  code: text("code").notNull().unique(),
  /** "profile" for the /profile form, which is created on first use and can be edited, not deleted. */
  builtIn: text("built_in").unique(),
  intro: text("intro"),
  doneText: text("done_text"),
  /** Given to the user when they finish the form. */
  completionTag: text("completion_tag"),
  /** An open run left this long after its last question ends quietly. */
  expiryMinutes: integer("expiry_minutes").notNull().default(60),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
});

export type FormRecord = typeof forms.$inferSelect;

/** One question of a form, in `position` order. */
export const formQuestions = sqliteTable(
  "form_questions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    formId: integer("form_id")
      .notNull()
      .references(() => forms.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    kind: text("kind", { enum: questionKinds }).notNull(),
    targetKind: text("target_kind", { enum: targetKinds }).notNull(),
    /** A profile field (`first_name`, `email`…), an attribute key, or `topic`. */
    target: text("target").notNull(),
    prompt: text("prompt").notNull(),
    /** Said when an answer does not fit, instead of the default for the kind. */
    reask: text("reask"),
    required: integer("required", { mode: "boolean" }).notNull().default(false),
    /** The buttons of a `choice` question. */
    choices: text("choices", { mode: "json" }).$type<string[]>().notNull().default([]),
  },
  (t) => [index("form_questions_form_idx").on(t.formId, t.position)],
);

export type FormQuestionRecord = typeof formQuestions.$inferSelect;

/** A user going through a form: the question waiting for an answer, and when it started and ended. */
export const formRuns = sqliteTable(
  "form_runs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    formId: integer("form_id")
      .notNull()
      .references(() => forms.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: text("status", { enum: formRunStatuses }).notNull().default("open"),
    /** The question asked last, waiting for its answer while the run is open. */
    questionId: integer("question_id"),
    startedAt: integer("started_at", { mode: "timestamp_ms" }).notNull(),
    askedAt: integer("asked_at", { mode: "timestamp_ms" }).notNull(),
    completedAt: integer("completed_at", { mode: "timestamp_ms" }),
    endedAt: integer("ended_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    // At most one open run per user: a new form replaces the one they left.
    uniqueIndex("form_runs_open_idx").on(t.userId).where(sql`status = 'open'`),
    index("form_runs_form_idx").on(t.formId, t.status),
  ],
);

export type FormRunRecord = typeof formRuns.$inferSelect;

/** What a user answered, kept as it came (a user who stops halfway keeps what they gave). */
export const formAnswers = sqliteTable(
  "form_answers",
  {
    runId: integer("run_id")
      .notNull()
      .references(() => formRuns.id, { onDelete: "cascade" }),
    questionId: integer("question_id")
      .notNull()
      .references(() => formQuestions.id, { onDelete: "cascade" }),
    value: text("value").notNull(),
    answeredAt: integer("answered_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.questionId] })],
);

export type FormAnswerRecord = typeof formAnswers.$inferSelect;
