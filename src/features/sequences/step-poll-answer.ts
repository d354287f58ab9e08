import type { MiddlewareFn } from "grammy";
import type { UsherContext } from "../../bot/context.js";
import { recordStepPollAnswer } from "./step-poll-answers.js";

/**
 * Answers to sequences' poll steps (`poll_answer` updates): each is stored for its subscriber and
 * step. Answers to any other poll go on to the next reader (poll mailings').
 */
export const stepPollAnswer: MiddlewareFn<UsherContext> = (ctx, next) => {
  const answer = ctx.pollAnswer;
  if (answer?.user === undefined) return next();
  const outcome = recordStepPollAnswer(ctx.services, {
    pollId: answer.poll_id,
    userId: answer.user.id,
    optionIds: answer.option_ids,
  });
  if (outcome.kind === "not_a_step") return next();
  ctx.log.debug({ pollId: answer.poll_id, userId: answer.user.id, outcome }, "poll step answer");
};
