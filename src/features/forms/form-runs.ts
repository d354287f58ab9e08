import type { FormQuestionRecord, FormRecord, FormRunRecord, UserRecord } from "../../db/schema/index.js";
import { ProfileFieldError } from "../users/profile-fields.js";
import { type AnswerInput, type AnswerProblem, parseAnswer } from "./form-answers.js";
import type { FormServices } from "./form-commands.js";
import { FormNotFoundError, FormStateError } from "./form-errors.js";
import { currentValue, writeAnswer } from "./form-targets.js";

/** What the verbs a user's own update drives need. */
export type FormRunServices = Pick<FormServices, "db" | "forms" | "users" | "topics" | "audit" | "now">;

/** What the bot says next: a question (with what its target holds now), or the end of the form. */
export type FormStep =
  | { kind: "ask"; form: FormRecord; question: FormQuestionRecord; current: string | null; first: boolean }
  | { kind: "done"; form: FormRecord };

/** The result of a user's message to an open form; `idle` when no form is open (or it just expired, quietly). */
export type AnswerOutcome =
  | FormStep
  | { kind: "invalid"; question: FormQuestionRecord; problem: AnswerProblem }
  | { kind: "idle" };

interface LiveRun {
  run: FormRunRecord;
  form: FormRecord;
  user: UserRecord;
  question: FormQuestionRecord | undefined;
}

/** The user's open run, or undefined; a run left longer than its form's expiry is ended as expired here. */
function liveRun(services: FormRunServices, userId: number): LiveRun | undefined {
  const { forms, users } = services;
  const run = forms.openRun(userId);
  if (!run) return undefined;
  const form = forms.find(run.formId);
  const user = users.find(userId);
  const now = services.now();
  if (!form || !user || now.getTime() - run.askedAt.getTime() > form.expiryMinutes * 60_000) {
    forms.endRun(run.id, "expired", now);
    return undefined;
  }
  const asked = run.questionId === null ? undefined : forms.question(run.questionId);
  // The question asked was removed meanwhile: go on with the first one this run has no answer to.
  const answered = new Set(forms.answersOf(run.id).map((a) => a.questionId));
  const question = asked ?? forms.questions(form.id).find((q) => !answered.has(q.id));
  return { run, form, user, question };
}

/** Asks `next`, or completes the run (giving the completion tag) when there is none. */
function advance(services: FormRunServices, live: LiveRun, next: FormQuestionRecord | undefined): FormStep {
  const now = services.now();
  if (next === undefined) {
    services.forms.endRun(live.run.id, "completed", now);
    if (live.form.completionTag !== null)
      services.users.addTags(live.user.id, [live.form.completionTag], now);
    return { kind: "done", form: live.form };
  }
  services.forms.askNext(live.run.id, next.id, now);
  const user = services.users.find(live.user.id) ?? live.user;
  return {
    kind: "ask",
    form: live.form,
    question: next,
    current: currentValue(services.users, user, next),
    first: false,
  };
}

const nextAfter = (services: FormRunServices, live: LiveRun, question: FormQuestionRecord) =>
  services.forms.questionAfter(live.form.id, question.position);

/**
 * Starts a form for a bot user at its first question, replacing any form they had open.
 * Throws FormNotFoundError or FormStateError (no questions; not an active bot user).
 */
export function startFormRun(
  services: FormRunServices,
  { formId, userId }: { formId: number; userId: number },
): FormStep {
  const { forms, users } = services;
  return services.db.transaction(() => {
    const form = forms.find(formId);
    if (!form) throw new FormNotFoundError(`Form ${formId}`);
    const [first] = forms.questions(formId);
    if (!first) throw new FormStateError("no_questions", "The form has no questions yet");
    const user = users.find(userId);
    if (!user || user.id < 0 || user.status !== "active")
      throw new FormStateError("user_not_active", `User ${userId} is not an active bot user`);
    const open = forms.openRun(userId);
    if (open) forms.endRun(open.id, "cancelled", services.now());
    forms.createRun({ formId, userId, questionId: first.id }, services.now());
    return { kind: "ask", form, question: first, current: currentValue(users, user, first), first: true };
  });
}

/**
 * Takes a user's message as the answer to the question they were asked: stored at once (in the
 * form's answers and in its target), then the next question or the end. A message that does not
 * fit changes nothing and says why; so does a value the profile's rules refuse.
 */
export function answerQuestion(
  services: FormRunServices,
  { userId, answer }: { userId: number; answer: AnswerInput },
): AnswerOutcome {
  return services.db.transaction((): AnswerOutcome => {
    const live = liveRun(services, userId);
    if (!live) return { kind: "idle" };
    const { question } = live;
    if (!question) return advance(services, live, undefined);
    const parsed = parseAnswer(question.kind, question.choices, answer);
    if (!parsed.ok) return { kind: "invalid", question, problem: parsed.problem };
    const now = services.now();
    try {
      // A savepoint: a value the users' rules refuse leaves neither the answer nor the target written.
      services.db.transaction(() => {
        writeAnswer(services, { user: live.user, question, value: parsed.value, now });
        services.forms.saveAnswer(live.run.id, question.id, parsed.value, now);
      });
    } catch (error) {
      if (!(error instanceof ProfileFieldError)) throw error;
      return { kind: "invalid", question, problem: "invalid_value" };
    }
    return advance(services, live, nextAfter(services, live, question));
  });
}

/** /skip: an optional question is left unanswered and the next one asked; a required one is asked again. */
export function skipQuestion(services: FormRunServices, { userId }: { userId: number }): AnswerOutcome {
  return services.db.transaction((): AnswerOutcome => {
    const live = liveRun(services, userId);
    if (!live) return { kind: "idle" };
    const { question } = live;
    if (!question) return advance(services, live, undefined);
    if (question.required) return { kind: "invalid", question, problem: "required" };
    return advance(services, live, nextAfter(services, live, question));
  });
}

/** /cancel: leaves the open form, keeping the answers given so far; false when none was open. */
export function cancelFormRun(services: FormRunServices, { userId }: { userId: number }): boolean {
  return services.db.transaction(() => {
    const live = liveRun(services, userId);
    return live !== undefined && services.forms.endRun(live.run.id, "cancelled", services.now());
  });
}

/** Whether the user is in the middle of a form (an expired one is ended quietly and does not count). */
export function hasOpenForm(services: FormRunServices, { userId }: { userId: number }): boolean {
  if (!services.forms.openRun(userId)) return false;
  return services.db.transaction(() => liveRun(services, userId) !== undefined);
}
