/**
 * A poll mailing: a native Telegram poll sent to each recipient, never anonymous, so every answer
 * is known by its voter. Options are numbered from 1 everywhere people read or type them (the
 * results table, `poll:<mailing id>=<option>` in segments, the API); Telegram's 0-based ids stay at
 * the edge that talks to Telegram.
 */

import { texts } from "../../texts/admin-polls.js";
import { fillTemplate } from "../content/template.js";
import { maxValueBytes } from "../segments/tree.js";

/** What a poll mailing sends, and where its answers go besides the results. */
export interface PollContent {
  type: "poll";
  question: string;
  options: string[];
  allowsMultipleAnswers: boolean;
  /** A quiz: the numbers (from 1) of the right options, and the text shown after a wrong answer. */
  quiz?: { correctOptions: number[]; explanation?: string };
  /** Each answer is also written to this attribute of the voter: the chosen options' texts, ", " between. */
  attribute?: string;
}

/** Telegram's limits for sendPoll (https://core.telegram.org/bots/api#sendpoll). */
export const pollLimits = {
  questionLength: 300,
  minOptions: 2,
  maxOptions: 12,
  optionLength: 100,
  explanationLength: 200,
} as const;

/** Why a poll cannot be sent, in words; null when Telegram would take it. */
export function pollProblem(poll: PollContent): string | null {
  const { problem } = texts;
  const question = poll.question.trim();
  if (question === "" || question.length > pollLimits.questionLength)
    return fillTemplate(problem.questionLength, { max: pollLimits.questionLength });
  const { options } = poll;
  if (options.length < pollLimits.minOptions || options.length > pollLimits.maxOptions)
    return fillTemplate(problem.optionCount, { min: pollLimits.minOptions, max: pollLimits.maxOptions });
  for (const [i, option] of options.entries()) {
    if (option.trim() === "" || option.length > pollLimits.optionLength)
      return fillTemplate(problem.optionLength, { number: i + 1, max: pollLimits.optionLength });
  }
  if (poll.quiz) {
    const { correctOptions, explanation } = poll.quiz;
    const inRange = (n: number) => Number.isSafeInteger(n) && n >= 1 && n <= options.length;
    if (correctOptions.length === 0 || !correctOptions.every(inRange))
      return fillTemplate(problem.quizOptions, { max: options.length });
    if (!poll.allowsMultipleAnswers && correctOptions.length > 1) return problem.quizOneAnswer;
    if (explanation !== undefined && explanation.length > pollLimits.explanationLength)
      return fillTemplate(problem.explanationLength, { max: pollLimits.explanationLength });
  }
  return null;
}

/** The option numbers (from 1) of Telegram's 0-based option ids, or null when one is not an option of the poll. */
export function optionNumbers(poll: PollContent, optionIds: readonly number[]): number[] | null {
  const numbers = [...new Set(optionIds)].sort((a, b) => a - b).map((id) => id + 1);
  return numbers.every((n) => Number.isSafeInteger(n) && n >= 1 && n <= poll.options.length) ? numbers : null;
}

/** The attribute value an answer writes: the chosen options' texts in option order, cut to what an attribute holds. */
export function answerAttributeValue(poll: PollContent, options: readonly number[]): string {
  let value = options.map((n) => poll.options[n - 1]?.trim() ?? "").join(", ");
  while (Buffer.byteLength(value, "utf8") > maxValueBytes) value = [...value].slice(0, -1).join("");
  return value.trim();
}

/** One row of the results table. */
export interface PollResultRow {
  option: number;
  text: string;
  votes: number;
  /** Share of the voters who chose it, 0–100 (several answers each can add up to more than 100). */
  percent: number;
  /** True for a quiz's right options. */
  correct: boolean;
}

export interface PollResults {
  question: string;
  quiz: boolean;
  /** Recipients who answered (a retracted vote no longer counts). */
  voters: number;
  rows: PollResultRow[];
}

/** The results table from the stored counts: every option, chosen or not, in option order. */
export function pollResults(
  poll: PollContent,
  counts: ReadonlyArray<{ option: number; votes: number }>,
  voters: number,
): PollResults {
  const byOption = new Map(counts.map((c) => [c.option, c.votes]));
  const correct = new Set(poll.quiz?.correctOptions ?? []);
  const rows = poll.options.map((text, i) => {
    const votes = byOption.get(i + 1) ?? 0;
    const percent = voters === 0 ? 0 : Math.round((votes / voters) * 1000) / 10;
    return { option: i + 1, text, votes, percent, correct: correct.has(i + 1) };
  });
  return { question: poll.question, quiz: poll.quiz !== undefined, voters, rows };
}

/** sendPoll's own parameters for a poll mailing: never anonymous, so each answer arrives with its voter. */
export function sendPollParameters(poll: PollContent) {
  const { quiz } = poll;
  return {
    is_anonymous: false,
    allows_multiple_answers: poll.allowsMultipleAnswers,
    ...(quiz && {
      type: "quiz" as const,
      correct_option_ids: quiz.correctOptions.map((n) => n - 1),
      ...(quiz.explanation && { explanation: quiz.explanation }),
    }),
  };
}
