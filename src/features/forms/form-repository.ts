import { and, asc, count, countDistinct, eq, gt, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import {
  type FormAnswerRecord,
  type FormQuestionRecord,
  type FormRecord,
  type FormRunRecord,
  type FormRunStatus,
  formAnswers,
  formQuestions,
  formRuns,
  forms,
} from "../../db/schema/index.js";

/** The stored records this feature hands to menus and routes. */
export type {
  FormAnswerRecord,
  FormQuestionRecord,
  FormRecord,
  FormRunRecord,
} from "../../db/schema/index.js";

export type NewForm = Pick<FormRecord, "name" | "code"> &
  Partial<Pick<FormRecord, "builtIn" | "intro" | "doneText" | "completionTag" | "expiryMinutes">>;

export type FormChanges = Partial<
  Pick<FormRecord, "name" | "intro" | "doneText" | "completionTag" | "expiryMinutes">
>;

export type NewQuestion = Omit<FormQuestionRecord, "id" | "formId" | "position">;

/** How many users answered a form and how many finished it. */
export interface FormTally {
  answered: number;
  completed: number;
}

/** The lookups every private message of a bot user and every /start payload make, compiled once. */
function prepareStatements(db: Db) {
  return {
    byCode: db
      .select()
      .from(forms)
      .where(eq(forms.code, sql.placeholder("code")))
      .prepare(),
    openRun: db
      .select()
      .from(formRuns)
      .where(and(eq(formRuns.userId, sql.placeholder("userId")), eq(formRuns.status, "open")))
      .prepare(),
  };
}

/** Forms, their questions, the users' runs through them and the answers. */
export class FormRepository {
  private readonly statements: ReturnType<typeof prepareStatements>;

  constructor(private readonly db: Db) {
    this.statements = prepareStatements(db);
  }

  find(id: number): FormRecord | undefined {
    return this.db.select().from(forms).where(eq(forms.id, id)).get();
  }

  findByCode(code: string): FormRecord | undefined {
    return this.statements.byCode.get({ code });
  }

  findBuiltIn(builtIn: string): FormRecord | undefined {
    return this.db.select().from(forms).where(eq(forms.builtIn, builtIn)).get();
  }

  list(): FormRecord[] {
    return this.db.select().from(forms).orderBy(asc(forms.id)).all();
  }

  create(input: NewForm, now: Date): FormRecord {
    return this.db
      .insert(forms)
      .values({ ...input, createdAt: now })
      .returning()
      .get();
  }

  update(id: number, changes: FormChanges): FormRecord | undefined {
    if (Object.keys(changes).length === 0) return this.find(id);
    return this.db.update(forms).set(changes).where(eq(forms.id, id)).returning().get();
  }

  delete(id: number): FormRecord | undefined {
    return this.db.delete(forms).where(eq(forms.id, id)).returning().get();
  }

  /** The form's questions in the order they are asked. */
  questions(formId: number): FormQuestionRecord[] {
    return this.db
      .select()
      .from(formQuestions)
      .where(eq(formQuestions.formId, formId))
      .orderBy(asc(formQuestions.position), asc(formQuestions.id))
      .all();
  }

  question(id: number): FormQuestionRecord | undefined {
    return this.db.select().from(formQuestions).where(eq(formQuestions.id, id)).get();
  }

  /** Appends a question at the end of the form. */
  addQuestion(formId: number, question: NewQuestion): FormQuestionRecord {
    const last = this.db
      .select({ max: sql<number | null>`max(${formQuestions.position})` })
      .from(formQuestions)
      .where(eq(formQuestions.formId, formId))
      .get();
    return this.db
      .insert(formQuestions)
      .values({ ...question, formId, position: (last?.max ?? 0) + 1 })
      .returning()
      .get();
  }

  removeQuestion(id: number): FormQuestionRecord | undefined {
    return this.db.delete(formQuestions).where(eq(formQuestions.id, id)).returning().get();
  }

  /** Numbers the questions 1, 2, … in the given order (ids of this form's questions, all of them). */
  setOrder(questionIds: readonly number[]): void {
    questionIds.forEach((id, index) => {
      this.db
        .update(formQuestions)
        .set({ position: index + 1 })
        .where(eq(formQuestions.id, id))
        .run();
    });
  }

  /** The first question after `position` in the form, if any. */
  questionAfter(formId: number, position: number): FormQuestionRecord | undefined {
    return this.db
      .select()
      .from(formQuestions)
      .where(and(eq(formQuestions.formId, formId), gt(formQuestions.position, position)))
      .orderBy(asc(formQuestions.position), asc(formQuestions.id))
      .limit(1)
      .get();
  }

  /** The user's open run, if they are in a form. */
  openRun(userId: number): FormRunRecord | undefined {
    return this.statements.openRun.get({ userId });
  }

  createRun(input: { formId: number; userId: number; questionId: number | null }, now: Date): FormRunRecord {
    return this.db
      .insert(formRuns)
      .values({ ...input, status: "open", startedAt: now, askedAt: now })
      .returning()
      .get();
  }

  /** Moves an open run to its next question. */
  askNext(runId: number, questionId: number, now: Date): void {
    this.db.update(formRuns).set({ questionId, askedAt: now }).where(eq(formRuns.id, runId)).run();
  }

  /** Ends an open run; false when it was no longer open. */
  endRun(runId: number, status: Exclude<FormRunStatus, "open">, now: Date): boolean {
    const ended = this.db
      .update(formRuns)
      .set({
        status,
        questionId: null,
        endedAt: now,
        ...(status === "completed" && { completedAt: now }),
      })
      .where(and(eq(formRuns.id, runId), eq(formRuns.status, "open")))
      .run();
    return ended.changes === 1;
  }

  /** Stores (or replaces) the answer to one question of a run. */
  saveAnswer(runId: number, questionId: number, value: string, now: Date): void {
    this.db
      .insert(formAnswers)
      .values({ runId, questionId, value, answeredAt: now })
      .onConflictDoUpdate({
        target: [formAnswers.runId, formAnswers.questionId],
        set: { value, answeredAt: now },
      })
      .run();
  }

  answersOf(runId: number): FormAnswerRecord[] {
    return this.db
      .select()
      .from(formAnswers)
      .where(eq(formAnswers.runId, runId))
      .orderBy(asc(formAnswers.questionId))
      .all();
  }

  /** Users with at least one answer to the form, and users who finished it. */
  tally(formId: number): FormTally {
    const answered = this.db
      .select({ n: countDistinct(formRuns.userId) })
      .from(formRuns)
      .innerJoin(formAnswers, eq(formAnswers.runId, formRuns.id))
      .where(eq(formRuns.formId, formId))
      .get();
    const completed = this.db
      .select({ n: countDistinct(formRuns.userId) })
      .from(formRuns)
      .where(and(eq(formRuns.formId, formId), eq(formRuns.status, "completed")))
      .get();
    return { answered: answered?.n ?? 0, completed: completed?.n ?? 0 };
  }

  /** Every run of the form with answers, oldest first, read page by page. */
  *runsWithAnswers(
    formId: number,
    pageSize = 500,
  ): Generator<FormRunRecord & { answers: FormAnswerRecord[] }> {
    let afterId = 0;
    for (;;) {
      const page = this.db
        .select()
        .from(formRuns)
        .where(and(eq(formRuns.formId, formId), gt(formRuns.id, afterId)))
        .orderBy(asc(formRuns.id))
        .limit(pageSize)
        .all();
      for (const run of page) yield { ...run, answers: this.answersOf(run.id) };
      const last = page.at(-1);
      if (!last || page.length < pageSize) return;
      afterId = last.id;
    }
  }

  /** Every run of the user's through any form, oldest first, with the form's name and the answers' prompts. */
  runsOfUser(userId: number) {
    return this.db
      .select({ run: formRuns, formName: forms.name })
      .from(formRuns)
      .innerJoin(forms, eq(forms.id, formRuns.formId))
      .where(eq(formRuns.userId, userId))
      .orderBy(asc(formRuns.id))
      .all()
      .map(({ run, formName }) => ({
        ...run,
        formName,
        answers: this.db
          .select({
            prompt: formQuestions.prompt,
            value: formAnswers.value,
            answeredAt: formAnswers.answeredAt,
          })
          .from(formAnswers)
          .innerJoin(formQuestions, eq(formQuestions.id, formAnswers.questionId))
          .where(eq(formAnswers.runId, run.id))
          .orderBy(asc(formQuestions.position))
          .all(),
      }));
  }

  countRuns(formId: number): number {
    return this.db.select({ n: count() }).from(formRuns).where(eq(formRuns.formId, formId)).get()?.n ?? 0;
  }
}
