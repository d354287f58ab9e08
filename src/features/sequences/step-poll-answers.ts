import type { Db } from "../../db/client.js";
import { optionNumbers } from "../mailing/poll.js";
import { writeAttribute } from "../mailing/poll-answers.js";
import type { UserRepository } from "../users/user-repository.js";
import type { StepPollRepository } from "./step-poll-repository.js";

/** What recording an answer to a poll step needs. */
export interface StepPollAnswerDeps {
  db: Db;
  stepPolls: StepPollRepository;
  users: UserRepository;
  now: () => Date;
}

/** What became of an answer: not a step's poll (someone else's to read), stored, removed, or ignored. */
export type StepPollAnswerOutcome =
  | { kind: "not_a_step" }
  | { kind: "recorded"; stepId: number; options: number[] }
  | { kind: "retracted"; stepId: number }
  | { kind: "ignored"; reason: "step_gone" | "not_recipient" | "bad_option" };

/**
 * Stores a subscriber's answer to a poll step in place of the one before, in one transaction, and,
 * when the poll names an attribute, writes the chosen options' texts there (as a poll mailing does).
 */
export function recordStepPollAnswer(
  deps: StepPollAnswerDeps,
  input: { pollId: string; userId: number; optionIds: readonly number[] },
): StepPollAnswerOutcome {
  return deps.db.transaction((): StepPollAnswerOutcome => {
    const voter = deps.stepPolls.voterOf(input.pollId);
    if (!voter) return { kind: "not_a_step" };
    const { content } = voter;
    if (content?.type !== "poll") return { kind: "ignored", reason: "step_gone" };
    if (voter.userId !== input.userId) return { kind: "ignored", reason: "not_recipient" };
    const options = optionNumbers(content, input.optionIds);
    if (options === null) return { kind: "ignored", reason: "bad_option" };
    const { stepId, userId } = voter;
    const before = deps.stepPolls.answerOf(stepId, userId);
    deps.stepPolls.replaceAnswer(stepId, userId, options, deps.now());
    if (content.attribute !== undefined)
      writeAttribute(deps, content, content.attribute, userId, before, options);
    return options.length === 0 ? { kind: "retracted", stepId } : { kind: "recorded", stepId, options };
  });
}
