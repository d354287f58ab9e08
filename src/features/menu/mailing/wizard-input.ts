import type { Context } from "grammy";
import type { Message } from "grammy/types";
import { texts } from "../../../texts/admin-mailing.js";
import { adminKeyboard } from "../../admins/admin-keyboard.js";
import type { MailingKind } from "../../mailing/mailing-repository.js";
import { type AdminConversation, type InputExit, type Parsed, waitForAnswer } from "../ask.js";
import { replyKeyboard } from "../reply-keyboard.js";

/** An exit whose texts are read when used, so they are in the admin's language rather than the start-up's. */
function wizardExit(cancelled: () => string): InputExit {
  return {
    get cancelButton() {
      return texts.cancelButton;
    },
    get cancelled() {
      return cancelled();
    },
    keyboard: adminKeyboard,
  };
}

/**
 * The wizard's reply keyboard has its own ❌ Cancel; leaving gives back the 🔐Admin keyboard. A check
 * sends users nothing they see, so its cancel says nobody was checked rather than nothing was sent.
 */
export const wizardExits: Record<MailingKind, InputExit> = {
  mailing: wizardExit(() => texts.cancelled),
  check_users: wizardExit(() => texts.checkCancelled),
};

/** Waits for the admin's next message that `parse` accepts, saying what is wrong otherwise. */
export async function answer<T>(
  conversation: AdminConversation,
  kind: MailingKind,
  parse: (message: Message) => Parsed<T> | Promise<Parsed<T>>,
): Promise<T> {
  for (;;) {
    const { answer: update, message } = await waitForAnswer(conversation, wizardExits[kind]);
    const parsed = await parse(message);
    if (parsed.ok) return parsed.value;
    if (parsed.error !== "") await update.reply(parsed.error);
  }
}

/** Asks with a reply keyboard (its buttons send their label as a message) and waits for an answer. */
export async function choose<T>(
  conversation: AdminConversation,
  ctx: Context,
  kind: MailingKind,
  prompt: string,
  rows: string[][],
  parse: (message: Message) => Parsed<T> | Promise<Parsed<T>>,
): Promise<T> {
  await ctx.reply(prompt, { reply_markup: replyKeyboard(rows) });
  return answer(conversation, kind, parse);
}
