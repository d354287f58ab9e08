import { conversations, createConversation } from "@grammyjs/conversations";
import { Composer, type Context } from "grammy";
import type { UsherContext } from "../../bot/context.js";
import { sqliteConversationStorage } from "../../bot/conversation-state-repository.js";
import type { Services } from "../../bot/services.js";
import { scopeUpdateCalls } from "../../telegram/outgoing/priority.js";
import { texts } from "../../texts/bot.js";
import { inLocale } from "../../texts/locale-scope.js";
import { locales } from "../../texts/translations.js";
import { adminKeyboard, adminKeyboardButtons } from "../admins/admin-keyboard.js";
import { ensureAdminMenuButton } from "../app/app-menu-button.js";
import { replyExit } from "./ask.js";
import { now } from "./live-text.js";
import { rootPageId } from "./page-ids.js";
import { answerRefusal } from "./refusal-replies.js";
import { createAdminMenu } from "./root-menu.js";

/** An admin's unfinished input ends quietly after this long without an answer. */
export const conversationIdleMs = 15 * 60_000;

/**
 * The menu plugin reads a button's row and column from callback data (`menu/row/col/payload/…`, in
 * hex) and trusts them: a forged position that is not hex makes it throw. Such presses stop here.
 */
export function forgedMenuPosition(data: string): boolean {
  const [, row, col] = data.split("/");
  return !!row && !!col && !(/^[0-9a-f]+$/i.test(row) && /^[0-9a-f]+$/i.test(col));
}

/**
 * The 🔐Admin area: menus and their input conversations. Everything here runs only for an admin
 * in a private chat, checked on every update, so a forged or replayed button press from anyone
 * else reaches none of it.
 */
export function createAdminFeature(services: Services): Composer<UsherContext> {
  const feature = new Composer<UsherContext>();
  const area = feature
    .filter((ctx) => ctx.isAdmin && ctx.chat?.type === "private")
    // A verb's refusal no page answered reaches the admin as its mapped reply, never as silence.
    .errorBoundary(({ ctx, error }) => answerRefusal(ctx, error));
  const menu = createAdminMenu();

  // An admin added by the CLI or another instance, or who changed language, gets the app's menu button now.
  area.use(async (ctx, next) => {
    if (ctx.services.appUrl !== undefined && ctx.from) {
      await ensureAdminMenuButton(ctx.api, ctx.services, ctx.from.id).catch((err: unknown) =>
        ctx.log.warn({ err }, "could not set an admin's menu button"),
      );
    }
    await next();
  });
  area.on("callback_query:data", (ctx, next) =>
    forgedMenuPosition(ctx.callbackQuery.data) ? ctx.answerCallbackQuery() : next(),
  );
  area.use(
    conversations({
      storage: sqliteConversationStorage(services.db, services.now),
      // Their calls are replies to the admin in the conversation, as outside it.
      plugins: [scopeUpdateCalls],
    }),
  );
  // Conversations take messages only: pressing any button abandons the pending input, and an input
  // with its own reply keyboard is left as by its ❌ Cancel, so that keyboard does not stay behind.
  const exits = new Map(menu.conversations.flatMap(({ id, exit }) => (exit ? [[id, exit] as const] : [])));
  area.on("callback_query", async (ctx, next) => {
    const active = Object.keys(ctx.conversation.active());
    if (active.length > 0) {
      await ctx.conversation.exitAll();
      const exit = active.map((id) => exits.get(id)).find((e) => e !== undefined);
      if (exit) await replyExit(ctx, exit);
    }
    await next();
  });
  // The menu plugin renders `reply_markup: menu` through a transformer it installs on each update it
  // sees; conversations reply from inside, before the menu's turn, so install it for messages first.
  area.drop((ctx) => ctx.callbackQuery !== undefined).use(menu.root);
  for (const { id, builder } of menu.conversations) {
    area.use(
      createConversation<UsherContext, Context>(builder, { id, maxMillisecondsToWait: conversationIdleMs }),
    );
  }
  area.use(menu.root);

  area.command("cancel", (ctx) => ctx.reply(texts.admin.nothingToCancel));
  // A ❌ Cancel left on screen (an old keyboard, in any language) is no message for the bot's users'
  // welcome: say so, and put the 🔐Admin keyboard back in its place.
  const cancelButtons = new Set(
    locales.flatMap((locale) =>
      inLocale(locale, () =>
        [...exits.values()].flatMap((exit) => (exit.cancelButton ? now(exit.cancelButton) : [])),
      ),
    ),
  );
  area.hears([...cancelButtons], (ctx) =>
    ctx.reply(texts.admin.nothingToCancel, { reply_markup: adminKeyboard }),
  );
  area.command("admin", (ctx) => menu.pages.send(ctx, rootPageId));
  // The 🔐Admin label of every language: a keyboard stays as it was sent when the admin's language changes.
  area.hears(adminKeyboardButtons(), (ctx) => menu.pages.send(ctx, rootPageId));
  return feature;
}
