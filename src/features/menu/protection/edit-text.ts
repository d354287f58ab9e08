import type { Context } from "grammy";
import type { UsherContext } from "../../../bot/context.js";
import { texts as sharedTexts } from "../../../texts/bot.js";
import { type AdminConversationBuilder, asAdmin } from "../area.js";
import { type AdminConversation, ask, parseText } from "../ask.js";
import type { AdminPages } from "../pages.js";

/**
 * A conversation that asks for one text setting, saves it and sends its page again; the prompt is
 * read when asked, in the admin's language.
 */
export function textSettingConversation(
  pages: AdminPages,
  options: { prompt: () => string; pageId: string; save: (ctx: UsherContext, text: string) => void },
): AdminConversationBuilder {
  return async (conversation: AdminConversation, ctx: Context) => {
    const { text } = await ask(conversation, ctx, options.prompt(), parseText);
    await asAdmin(conversation, async (octx) => {
      options.save(octx, text);
      await octx.reply(sharedTexts.admin.saved);
      await pages.send(octx, options.pageId);
    });
  };
}

/** A long text cut for a page, which must stay within one message. */
export const preview = (text: string, max = 600) => (text.length > max ? `${text.slice(0, max)}…` : text);
