import { Menu, type MenuFlavor, type MenuRange } from "@grammyjs/menu";
import type { UsherContext } from "../../bot/context.js";
import { classifyTelegramError } from "../../telegram/errors.js";
import { texts } from "../../texts/bot.js";

export type AdminMenuContext = UsherContext & MenuFlavor;
export type PageText = (ctx: UsherContext) => string | Promise<string>;

/**
 * Edits the pressed menu message; false when Telegram says it already reads so ("not modified", a
 * double tap). The bot's transformer turns that refusal into a bare `true` (telegram/errors.ts),
 * where a real edit of a chat message returns the message.
 */
export async function editMenuText(ctx: UsherContext, text: string): Promise<boolean> {
  try {
    return (await ctx.editMessageText(text)) !== true;
  } catch (error) {
    if (classifyTelegramError(error).kind !== "not_modified") throw error;
    return false;
  }
}

/** "✅ Label" or "❌ Label" for a switch. */
export function switchLabel(on: boolean, label: string): string {
  return `${on ? texts.admin.on : texts.admin.off} ${label}`;
}

/**
 * The pages of one bot's admin menu: each page is a menu plus the text shown above its buttons.
 * Built per bot, because a menu belongs to exactly one menu tree.
 */
export class AdminPages {
  private readonly pages = new Map<string, { menu: Menu<UsherContext>; text: PageText }>();

  /**
   * A new page. With `answersAfterEdit` a press is answered once its handler is done, so a press that
   * changed nothing can say so; every button of such a page must then end in `show` or `refresh`.
   */
  create(id: string, text: PageText, options: { answersAfterEdit?: boolean } = {}): Menu<UsherContext> {
    if (this.pages.has(id)) throw new Error(`admin page "${id}" is defined twice`);
    const menu = new Menu<UsherContext>(id, {
      autoAnswer: !options.answersAfterEdit,
      onMenuOutdated: texts.admin.menuOutdated,
    });
    this.pages.set(id, { menu, text });
    return menu;
  }

  private get(id: string) {
    const page = this.pages.get(id);
    if (!page) throw new Error(`unknown admin page "${id}"`);
    return page;
  }

  menus(): Menu<UsherContext>[] {
    return [...this.pages.values()].map((p) => p.menu);
  }

  async text(ctx: UsherContext, id: string): Promise<string> {
    return this.get(id).text(ctx);
  }

  /** Moves the pressed menu message to another page: its buttons and its text, in one edit. */
  async show(ctx: AdminMenuContext, id: string): Promise<void> {
    ctx.menu.nav(id);
    await editMenuText(ctx, await this.text(ctx, id));
    if (ctx.callbackQuery) await ctx.answerCallbackQuery();
  }

  /**
   * Redraws the current page's text and buttons after a change. When nothing changed, `unchanged`
   * (if given) answers the press as a toast, so the press is never met with silence.
   */
  async refresh(ctx: AdminMenuContext, id: string, unchanged?: string): Promise<void> {
    ctx.menu.update();
    const edited = await editMenuText(ctx, await this.text(ctx, id));
    // A second answer is dropped (bot/index.ts), so on an auto-answered page this is a no-op.
    if (ctx.callbackQuery) await ctx.answerCallbackQuery(!edited && unchanged ? { text: unchanged } : {});
  }

  /** Sends a page as a new message (after a conversation, or from /admin). */
  async send(ctx: UsherContext, id: string): Promise<void> {
    await ctx.reply(await this.text(ctx, id), { reply_markup: this.get(id).menu });
  }

  /** A button that opens a page. */
  link(range: MenuRange<UsherContext>, label: string, id: string): MenuRange<UsherContext> {
    return range.text(label, (ctx) => this.show(ctx, id));
  }

  /** The ⬅ Back button every page ends with, on its own row. */
  back(range: MenuRange<UsherContext>, parentId: string): MenuRange<UsherContext> {
    return range.row().text(texts.admin.back, (ctx) => this.show(ctx, parentId));
  }
}
