import type { MiddlewareFn } from "grammy";
import type { UsherContext } from "../../bot/context.js";
import { textsIn } from "../../texts/locale-texts.js";
import { userLocale } from "../gate/gate-replies.js";
import { stopButtonPattern } from "./sequence.js";
import { stopByUser } from "./subscription-commands.js";

/**
 * A press of a step's "stop these messages" button: stops the presser's own subscription (data
 * naming someone else's is ignored) and removes the button.
 */
export const sequenceStopButton: MiddlewareFn<UsherContext> = async (ctx, next) => {
  const data = ctx.callbackQuery?.data;
  const match = data === undefined ? null : stopButtonPattern.exec(data);
  if (!match || ctx.from === undefined) return next();
  const stopped = stopByUser(ctx.services, {
    subscriptionId: Number(match[1]),
    stepId: Number(match[2]),
    userId: ctx.from.id,
  });
  ctx.log.debug({ userId: ctx.from.id, data, stopped }, "sequence stop button");
  const texts = textsIn("sequences", userLocale(ctx));
  await ctx.answerCallbackQuery({ text: stopped ? texts.stopped : texts.alreadyStopped });
  if (stopped) await ctx.editMessageReplyMarkup().catch(() => undefined);
};
