import { Composer } from "grammy";
import type { UsherContext } from "../../bot/context.js";
import { recordPollAnswer } from "./poll-answers.js";

/**
 * Answers to poll mailings (`poll_answer` updates; they carry no chat, so nothing else here reads
 * them): each is stored for its recipient. Answers to polls Usher did not send are ignored.
 */
export const pollAnswerFeature = new Composer<UsherContext>();

pollAnswerFeature.on("poll_answer", (ctx) => {
  const answer = ctx.pollAnswer;
  if (answer.user === undefined) return;
  const outcome = recordPollAnswer(ctx.services, {
    pollId: answer.poll_id,
    userId: answer.user.id,
    optionIds: answer.option_ids,
  });
  ctx.log.debug({ pollId: answer.poll_id, userId: answer.user.id, outcome }, "poll answer");
});
