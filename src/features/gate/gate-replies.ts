import type { InlineKeyboard } from "grammy";
import type { UsherContext } from "../../bot/context.js";
import { texts } from "../../texts/bot.js";
import type { TemplateValues } from "../content/template.js";
import { templateValues } from "../users/display-name.js";

/** Template values for the current user, with the configured Dear User fallback. */
export function valuesFor(ctx: UsherContext): TemplateValues {
  const user = ctx.user;
  const dearUser = ctx.services.settings.get("general").dearUserName;
  if (!user) return { first_name: dearUser, last_name: "", full_name: dearUser, username: dearUser, id: "" };
  return templateValues(user, dearUser);
}

/**
 * Ends the update at a gate step with `text` as a message, also after a button press: an earlier
 * step may have answered the press already, and a press's notice holds only 200 characters.
 */
export async function replyAtGate(ctx: UsherContext, text: string, keyboard?: InlineKeyboard): Promise<void> {
  // Stops the client's spinner; a no-op when an earlier step answered (see createBot).
  if (ctx.callbackQuery) await ctx.answerCallbackQuery();
  await ctx.reply(text, keyboard ? { reply_markup: keyboard } : {});
}

/** A button press from someone still at the gate that no gate step understood. */
export async function answerPendingPress(ctx: UsherContext): Promise<void> {
  await ctx.answerCallbackQuery({ text: texts.gatePending });
}
