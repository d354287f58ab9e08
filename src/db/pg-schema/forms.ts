import { sql } from "drizzle-orm";
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
import { formRunStatuses, questionKinds, targetKinds } from "../schema/forms.js";
import { serialId, telegramId, timestampMs } from "./columns.js";
import { users } from "./users.js";

/** An admin-built form: questions asked one by one, started by its link, /profile or the API. */
export const forms = pgTable("forms", {
  id: serialId("id"),
  name: text("name").notNull(),
  code: text("code").notNull().unique(),
  builtIn: text("built_in").unique(),
  intro: text("intro"),
  doneText: text("done_text"),
  completionTag: text("completion_tag"),
  expiryMinutes: bigint("expiry_minutes", { mode: "number" }).notNull().default(60),
  createdAt: timestampMs("created_at").notNull(),
});

/** One question of a form, in `position` order. */
export const formQuestions = pgTable(
  "form_questions",
  {
    id: serialId("id"),
    formId: bigint("form_id", { mode: "number" })
      .notNull()
      .references(() => forms.id, { onDelete: "cascade" }),
    position: bigint("position", { mode: "number" }).notNull(),
    kind: text("kind", { enum: questionKinds }).notNull(),
    targetKind: text("target_kind", { enum: targetKinds }).notNull(),
    target: text("target").notNull(),
    prompt: text("prompt").notNull(),
    reask: text("reask"),
    required: boolean("required").notNull().default(false),
    choices: jsonb("choices").$type<string[]>().notNull().default([]),
  },
  (t) => [index("form_questions_form_idx").on(t.formId, t.position)],
);

/** A user going through a form: the question waiting for an answer, and when it started and ended. */
export const formRuns = pgTable(
  "form_runs",
  {
    id: serialId("id"),
    formId: bigint("form_id", { mode: "number" })
      .notNull()
      .references(() => forms.id, { onDelete: "cascade" }),
    userId: telegramId("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: text("status", { enum: formRunStatuses }).notNull().default("open"),
    questionId: bigint("question_id", { mode: "number" }),
    startedAt: timestampMs("started_at").notNull(),
    askedAt: timestampMs("asked_at").notNull(),
    completedAt: timestampMs("completed_at"),
    endedAt: timestampMs("ended_at"),
  },
  (t) => [
    uniqueIndex("form_runs_open_idx").on(t.userId).where(sql`status = 'open'`),
    index("form_runs_form_idx").on(t.formId, t.status),
  ],
);

/** What a user answered, kept as it came (a user who stops halfway keeps what they gave). */
export const formAnswers = pgTable(
  "form_answers",
  {
    runId: bigint("run_id", { mode: "number" })
      .notNull()
      .references(() => formRuns.id, { onDelete: "cascade" }),
    questionId: bigint("question_id", { mode: "number" })
      .notNull()
      .references(() => formQuestions.id, { onDelete: "cascade" }),
    value: text("value").notNull(),
    answeredAt: timestampMs("answered_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.questionId] })],
);
