import type { Conversation } from "@grammyjs/conversations";
import type { Context } from "grammy";
import type { Message } from "grammy/types";
import type { UsherContext } from "../../bot/context.js";
import { texts } from "../../texts/bot.js";
import { renderTemplate } from "../content/template.js";

/** The conversation handle every admin input uses: outside context Usher's, inside a plain one. */
export type AdminConversation = Conversation<UsherContext, Context>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

export const accept = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const refuse = (error: string): Parsed<never> => ({ ok: false, error });

/**
 * Asks the admin for input and waits until `parse` accepts a message, saying what is wrong
 * otherwise. `/cancel` ends the conversation; a menu button press abandons it and is handled as usual.
 */
export async function ask<T>(
  conversation: AdminConversation,
  ctx: Context,
  prompt: string,
  parse: (message: Message) => Parsed<T> | Promise<Parsed<T>>,
): Promise<T> {
  await ctx.reply(`${prompt}\n\n${texts.admin.cancelHint}`);
  for (;;) {
    const answer = await conversation.wait();
    if (answer.callbackQuery) await conversation.halt({ next: true });
    const message = answer.message;
    if (!message) await conversation.skip({ next: true });
    if (message?.text?.trim() === "/cancel") {
      await answer.reply(texts.admin.cancelled);
      await conversation.halt();
    }
    const parsed = await parse(message as Message);
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
