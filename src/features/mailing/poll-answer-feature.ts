import type { MiddlewareFn } from "grammy";
import type { UsherContext } from "../../bot/context.js";
import { recordPollAnswer } from "./poll-answers.js";

/**
 * Answers to poll mailings (`poll_answer` updates; they carry no chat, so nothing else here reads
 * them): each is stored for its recipient. Answers to polls Usher did not send are ignored.
 */
export const pollAnswerFeature: MiddlewareFn<UsherContext> = (ctx, next) => {
  const answer = ctx.pollAnswer;
  if (answer === undefined) return next();
  if (answer.user === undefined) return;
  const outcome = recordPollAnswer(ctx.services, {
    pollId: answer.poll_id,
    userId: answer.user.id,
    optionIds: answer.option_ids,
  });
  ctx.log.debug({ pollId: answer.poll_id, userId: answer.user.id, outcome }, "poll answer");
};
