import type { Conversation } from "@grammyjs/conversations";
import type { Context } from "grammy";
import type { Message, ReplyKeyboardMarkup } from "grammy/types";
import type { UsherContext } from "../../bot/context.js";
import { texts } from "../../texts/bot.js";
import { isAdminKeyboardButton } from "../admins/admin-keyboard.js";
import { renderTemplate } from "../content/template.js";
import { type Live, now } from "./live-text.js";

/** The conversation handle every admin input uses: outside context Usher's, inside a plain one. */
export type AdminConversation = Conversation<UsherContext, Context>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

export const accept = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const refuse = (error: string): Parsed<never> => ({ ok: false, error });

/**
 * How an input is left: the reply to /cancel (or its own ❌ button), with the keyboard to give back.
 * Exits are built with the menu, once: give translated texts as functions (`() => texts.cancelled`).
 */
export interface InputExit {
  cancelButton?: Live<string>;
  cancelled: Live<string>;
  keyboard?: Live<ReplyKeyboardMarkup>;
}

const plainExit: InputExit = { cancelled: () => texts.admin.cancelled };

/** Says an input was left, giving back the keyboard it replaced. */
export async function replyExit(ctx: Context, exit: InputExit): Promise<void> {
  await ctx.reply(now(exit.cancelled), exit.keyboard ? { reply_markup: now(exit.keyboard) } : {});
}

/** The command a typed text starts with (as Telegram marks it, without @botname); a forward is never one. */
function commandOf(message: Message): string | undefined {
  const first = message.entities?.[0];
  if (message.forward_origin !== undefined || message.text === undefined) return undefined;
  if (first?.type !== "bot_command" || first.offset !== 0) return undefined;
  return message.text.slice(1, first.length).split("@")[0]?.toLowerCase();
}

/**
 * Waits for the admin's next message in an input. A button press leaves the input and is handled as
 * usual; /cancel leaves it. Any other command (or the 🔐Admin button) is never an answer: the input is
 * left as by /cancel and the command then runs as usual, so /admin opens the menu.
 */
export async function waitForAnswer(
  conversation: AdminConversation,
  exit: InputExit = plainExit,
): Promise<{ answer: Context; message: Message }> {
  for (;;) {
    const answer = await conversation.wait();
    if (answer.callbackQuery) await conversation.halt({ next: true });
    const message = answer.message;
    if (!message) {
      await conversation.skip({ next: true });
      continue;
    }
    const command = commandOf(message);
    const text = message.text?.trim();
    const cancels =
      command === "cancel" || (exit.cancelButton !== undefined && text === now(exit.cancelButton));
    const leaves = command !== undefined || isAdminKeyboardButton(text);
    if (cancels || leaves) {
      await replyExit(answer, exit);
      await conversation.halt(cancels ? {} : { next: true });
    }
    return { answer, message };
  }
}

/**
 * Asks the admin for input and waits until `parse` accepts a message, saying what is wrong
 * otherwise; see `waitForAnswer` for the ways out.
 */
export async function ask<T>(
  conversation: AdminConversation,
  ctx: Context,
  prompt: string,
  parse: (message: Message) => Parsed<T> | Promise<Parsed<T>>,
): Promise<T> {
  await ctx.reply(`${prompt}\n\n${texts.admin.cancelHint}`);
  for (;;) {
    const { answer, message } = await waitForAnswer(conversation);
    const parsed = await parse(message);
    if (parsed.ok) return parsed.value;
    await answer.reply(parsed.error);
  }
}

/** Accepts a non-empty text message within Telegram's 4096-character limit, with its formatting. */
export function parseText(message: Message): Parsed<{ text: string; entities: Message["entities"] }> {
  if (message.text === undefined) return refuse(texts.admin.notText);
  if (message.text.trim() === "") return refuse(texts.admin.emptyText);
  if (message.text.length > 4096) {
    return refuse(renderTemplate(texts.admin.textTooLong, { length: String(message.text.length) }).text);
  }
  return accept({ text: message.text, entities: message.entities });
}
