import { pipeline, Readable } from "node:stream";
import { stringify } from "csv-stringify";
import type { FormQuestionRecord } from "../../db/schema/index.js";
import type { FormRepository } from "./form-repository.js";

/** The columns every results file starts with; one column per question follows. */
export const formResultColumns = ["run_id", "user_id", "status", "started_at", "completed_at"] as const;

/** A question's column: its target (`email`, `city`), numbered when two questions fill the same one. */
export function questionColumns(questions: readonly FormQuestionRecord[]): string[] {
  const seen = new Map<string, number>();
  return questions.map((q) => {
    const n = (seen.get(q.target) ?? 0) + 1;
    seen.set(q.target, n);
    return n === 1 ? q.target : `${q.target}_${n}`;
  });
}

function* csvRows(forms: FormRepository, formId: number, questions: readonly FormQuestionRecord[]) {
  for (const run of forms.runsWithAnswers(formId)) {
    const byQuestion = new Map(run.answers.map((a) => [a.questionId, a.value]));
    yield [
      run.id,
      run.userId,
      run.status,
      run.startedAt.toISOString(),
      run.completedAt?.toISOString() ?? "",
      ...questions.map((q) => byQuestion.get(q.id) ?? ""),
    ];
  }
}

/** Every run of a form with its answers as CSV, streamed page by page from the database. */
export function formResultsCsv(forms: FormRepository, formId: number): Readable {
  const questions = forms.questions(formId);
  return pipeline(
    Readable.from(csvRows(forms, formId, questions)),
    stringify({ header: true, columns: [...formResultColumns, ...questionColumns(questions)] }),
    () => undefined,
  );
}
