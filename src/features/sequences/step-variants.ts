import type { UserRecord } from "../../db/schema/index.js";
import type { RefusalReason } from "../../errors.js";
import { refusalReason } from "../../texts/refusal-reasons.js";
import { languageOfUser } from "../language/language.js";
import type { PollContent } from "../mailing/poll.js";
import type { VariantRepository } from "../variants/variant-repository.js";
import type { SequenceContent } from "./sequence.js";
import type { SequenceStepRecord } from "./sequence-repository.js";

const sorted = (numbers: readonly number[] = []) => [...numbers].sort((x, y) => x - y).join(",");

/** Whether two polls take the same answers: as many options, one or several, the same right ones. */
const sameAnswers = (a: PollContent, b: PollContent) =>
  a.options.length === b.options.length &&
  a.allowsMultipleAnswers === b.allowsMultipleAnswers &&
  (a.quiz === undefined) === (b.quiz === undefined) &&
  sorted(a.quiz?.correctOptions) === sorted(b.quiz?.correctOptions);

/**
 * Why `variant` cannot stand in for the step's content, or null when it can. Answers to a poll step
 * are recorded against the step's own poll (its option n, its attribute), so a poll stands in only for
 * a poll that takes the same answers, and only a poll for a poll; an album would drop the step's buttons.
 */
export function stepVariantProblem(
  step: Pick<SequenceStepRecord, "content" | "buttons" | "formButton">,
  variant: SequenceContent,
): RefusalReason | null {
  const { content } = step;
  if (content.type === "poll") {
    if (variant.type !== "poll") return refusalReason("variants", "pollStep");
    if (!sameAnswers(content, variant)) {
      const id =
        `${content.quiz ? "quiz" : "poll"}Answers${content.allowsMultipleAnswers ? "Several" : "One"}` as const;
      return refusalReason("variants", id, { count: content.options.length });
    }
    return null;
  }
  if (variant.type === "poll") return refusalReason("variants", "notPollStep");
  if (variant.type === "album" && (step.buttons.length > 0 || step.formButton !== null))
    return refusalReason("variants", "albumButtons");
  return null;
}

/**
 * The variants of the steps a sequence pass sends, read once per step and batch (none at all for a
 * step without variants: the repository knows which texts have any), so a crowd of due steps costs no
 * query per recipient. Variants that no longer fit their step (it was edited since) are passed over.
 */
export class StepVariants {
  private readonly byStep = new Map<number, ReadonlyMap<string, SequenceContent>>();

  constructor(private readonly variants: Pick<VariantRepository, "list">) {}

  /** What `step` sends to `user`: the variant in their language when there is one that fits, else its own. */
  contentFor(step: SequenceStepRecord, user: Pick<UserRecord, "language" | "languageCode">): SequenceContent {
    let languages = this.byStep.get(step.id);
    if (!languages) {
      const fitting = this.variants
        .list(`step:${step.id}`)
        .filter((v) => stepVariantProblem(step, v.content as SequenceContent) === null);
      languages = new Map(fitting.map((v) => [v.language, v.content as SequenceContent]));
      this.byStep.set(step.id, languages);
    }
    const language = languageOfUser(user);
    return (language !== null && languages.get(language)) || step.content;
  }

  /** Forgets what was read: the next batch reads the variants as they are then. */
  forget(): void {
    this.byStep.clear();
  }
}
