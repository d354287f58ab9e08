import type { Context } from "grammy";
import type { Message } from "grammy/types";
import { texts } from "../../../texts/admin-mailing.js";
import { adminKeyboard } from "../../admins/admin-keyboard.js";
import { type AdminConversation, type InputExit, type Parsed, waitForAnswer } from "../ask.js";
import { replyKeyboard } from "../reply-keyboard.js";

/** The wizard's reply keyboard has its own ❌ Cancel; leaving gives back the 🔐Admin keyboard. */
const wizardExit: InputExit = {
  cancelButton: texts.cancelButton,
  cancelled: texts.cancelled,
  keyboard: adminKeyboard,
};

/** Waits for the admin's next message that `parse` accepts, saying what is wrong otherwise. */
export async function answer<T>(
  conversation: AdminConversation,
  parse: (message: Message) => Parsed<T> | Promise<Parsed<T>>,
): Promise<T> {
  for (;;) {
    const { answer: update, message } = await waitForAnswer(conversation, wizardExit);
    const parsed = await parse(message);
    if (parsed.ok) return parsed.value;
    if (parsed.error !== "") await update.reply(parsed.error);
  }
}

/** Asks with a reply keyboard (its buttons send their label as a message) and waits for an answer. */
export async function choose<T>(
  conversation: AdminConversation,
  ctx: Context,
  prompt: string,
  rows: string[][],
  parse: (message: Message) => Parsed<T> | Promise<Parsed<T>>,
): Promise<T> {
  await ctx.reply(prompt, { reply_markup: replyKeyboard(rows) });
  return answer(conversation, parse);
}
