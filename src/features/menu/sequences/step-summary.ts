import { texts } from "../../../texts/admin-sequences.js";
import { fillTemplate } from "../../content/template.js";
import type { SequenceStepRecord, StepStats } from "../../sequences/sequence-repository.js";

/** A delay as the admin types it: 0, 30m, 2h, 1d. */
export function formatDelay(ms: number): string {
  if (ms === 0) return "0";
  if (ms % 86_400_000 === 0) return `${ms / 86_400_000}d`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  return `${Math.round(ms / 60_000)}m`;
}

const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;

/** What a step sends, in a word. */
export function stepKind(step: Pick<SequenceStepRecord, "content">): string {
  const { content } = step;
  if (content.type === "text") return texts.kindText;
  if (content.type === "copy") return texts.kindCopy;
  if (content.type === "poll") return content.quiz ? texts.kindQuiz : texts.kindPoll;
  return texts.kindAlbum;
}

/** " within 09:00–20:00", or nothing for a step sent at any time. */
export function stepWindow(step: Pick<SequenceStepRecord, "windowStart" | "windowEnd">): string {
  return step.windowStart === null || step.windowEnd === null
    ? ""
    : fillTemplate(texts.window, { start: hhmm(step.windowStart), end: hhmm(step.windowEnd) });
}

/** No numbers yet: the step was added after the stats were read. */
export const noStats: Omit<StepStats, "stepId" | "position"> = {
  sent: 0,
  failed: 0,
  unknown: 0,
  clicks: 0,
  voters: 0,
  unsubscribes: 0,
};

/** One line of the sequence page: the step, its delay and window, and its numbers. */
export function stepLine(step: SequenceStepRecord, stats: Omit<StepStats, "stepId" | "position">): string {
  return fillTemplate(texts.stepLine, {
    n: step.position + 1,
    kind: stepKind(step),
    form: step.formButton ? texts.stepForm : "",
    delay: formatDelay(step.delayMs),
    window: stepWindow(step),
    sent: stats.sent,
    failed: stats.failed,
    clicks: stats.clicks,
    unsubscribes: stats.unsubscribes,
    voters: step.content.type === "poll" ? fillTemplate(texts.stepVoters, { voters: stats.voters }) : "",
  });
}
