import { Menu, type MenuFlavor, type MenuRange } from "@grammyjs/menu";
import { GrammyError, type InputFile } from "grammy";
import type { UsherContext } from "../../bot/context.js";
import { classifyTelegramError } from "../../telegram/errors.js";
import { texts } from "../../texts/bot.js";

export type AdminMenuContext = UsherContext & MenuFlavor;
export type PageText = (ctx: UsherContext) => string | Promise<string>;
/**
 * A button's label: a string, or a function read each time the button is drawn. Pass a function
 * (`() => texts.addButton`) for a translated text, so it is read in the admin's language at render
 * rather than once, in English, when the menu is built.
 */
export type ButtonLabel = string | ((ctx: UsherContext) => string);
/** The file_id of the photo a page is shown with, when it has one. */
export type PagePhoto = (ctx: UsherContext) => string | null | undefined;

/**
 * A picture drawn for the page (a chart), uploaded with it; drawn again only when the page's text
 * changed, so the text must change with whatever the picture shows.
 */
export type PagePicture = (ctx: UsherContext) => Promise<InputFile>;

/** Telegram's limit on a photo's caption: a longer page is shown as text, without its photo. */
export const captionLimit = 1024;

/** A page as it is to be shown: its text, and the photo it is the caption of. */
interface DrawnPage {
  text: string;
  /** A file_id, or a drawn picture's upload. */
  photo?: string | InputFile;
  /** A drawn picture whose text is too long for a caption: sent as a photo of its own under the page. */
  apart?: InputFile;
}

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

/** Edits the pressed menu message's caption (a photo page redrawn); false when it already reads so. */
async function editMenuCaption(ctx: UsherContext, caption: string): Promise<boolean> {
  try {
    return (await ctx.editMessageCaption({ caption })) !== true;
  } catch (error) {
    if (classifyTelegramError(error).kind !== "not_modified") throw error;
    return false;
  }
}

/** Puts a photo with its caption on the pressed menu message, text or photo (Bot API 9: either). */
async function editMenuMedia(
  ctx: UsherContext,
  photo: string | InputFile,
  caption: string,
): Promise<boolean> {
  try {
    return (await ctx.editMessageMedia({ type: "photo", media: photo, caption })) !== true;
  } catch (error) {
    if (classifyTelegramError(error).kind !== "not_modified") throw error;
    return false;
  }
}

/** True when Telegram refused the photo itself (a file_id it no longer knows): the page goes without it. */
const isRefusedPhoto = (error: unknown) => classifyTelegramError(error).kind === "file_refused";

/** "✅ Label" or "❌ Label" for a switch. */
export function switchLabel(on: boolean, label: string): string {
  return `${on ? texts.admin.on : texts.admin.off} ${label}`;
}

/**
 * The pages of one bot's admin menu: each page is a menu plus the text shown above its buttons.
 * Built per bot, because a menu belongs to exactly one menu tree.
 */
export class AdminPages {
  private readonly pages = new Map<
    string,
    { menu: Menu<UsherContext>; text: PageText; photo?: PagePhoto; picture?: PagePicture }
  >();

  /**
   * A new page. With `answersAfterEdit` a press is answered once its handler is done, so a press that
   * changed nothing can say so; every button of such a page must then end in `show` or `refresh`.
   * With `photo` the page is a photo message whose caption is the text, when there is a photo and
   * the text fits a caption; with `picture` it is the caption of a picture drawn for it (a longer
   * text goes with the picture sent apart, under it).
   */
  create(
    id: string,
    text: PageText,
    options: { answersAfterEdit?: boolean; photo?: PagePhoto; picture?: PagePicture } = {},
  ): Menu<UsherContext> {
    if (this.pages.has(id)) throw new Error(`admin page "${id}" is defined twice`);
    const menu = new Menu<UsherContext>(id, {
      autoAnswer: !options.answersAfterEdit,
      // As grammY does for a string, but read per press in the admin's language (not once, at start-up).
      onMenuOutdated: async (ctx) => {
        await Promise.all([
          ctx.answerCallbackQuery({ text: texts.admin.menuOutdated }),
          ctx.editMessageReplyMarkup({ reply_markup: menu }),
        ]);
      },
    });
    this.pages.set(id, {
      menu,
      text,
      ...(options.photo && { photo: options.photo }),
      ...(options.picture && { picture: options.picture }),
    });
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

  /** The page's text, and its photo when it has one and the text fits a caption (else a drawn picture apart). */
  private async draw(ctx: UsherContext, id: string): Promise<DrawnPage> {
    const page = this.get(id);
    const text = await page.text(ctx);
    const fits = text.length <= captionLimit;
    if (page.picture)
      return fits ? { text, photo: await page.picture(ctx) } : { text, apart: await page.picture(ctx) };
    const photo = fits ? page.photo?.(ctx) : undefined;
    return photo ? { text, photo } : { text };
  }

  /** Moves the pressed menu message to another page: its buttons and its text, in one edit. */
  async show(ctx: AdminMenuContext, id: string): Promise<void> {
    await this.put(ctx, id, await this.draw(ctx, id), () => ctx.menu.nav(id));
    if (ctx.callbackQuery) await ctx.answerCallbackQuery();
  }

  /**
   * Redraws the current page's text and buttons after a change. When nothing changed, `unchanged`
   * (if given) answers the press as a toast, so the press is never met with silence.
   */
  async refresh(ctx: AdminMenuContext, id: string, unchanged?: string): Promise<void> {
    const edited = (await this.unchangedPicture(ctx, id))
      ? false
      : await this.put(ctx, id, await this.draw(ctx, id), () => ctx.menu.update(), true);
    // A second answer is dropped (bot/index.ts), so on an auto-answered page this is a no-op.
    if (ctx.callbackQuery) await ctx.answerCallbackQuery(!edited && unchanged ? { text: unchanged } : {});
  }

  /** Whether the pressed message shows a picture page whose text is still the same: nothing to draw again. */
  private async unchangedPicture(ctx: UsherContext, id: string): Promise<boolean> {
    const page = this.get(id);
    const message = ctx.callbackQuery?.message;
    if (!page.picture || message === undefined) return false;
    const shown = "caption" in message && message.caption !== undefined ? message.caption : message.text;
    return shown === (await page.text(ctx));
  }

  /**
   * Puts a page on the pressed message, whose buttons `navigate` sets: a text edit, a caption edit
   * (`samePhoto`: a redraw) or a media edit. A photo message cannot become text: the text page is
   * then sent anew and the photo deleted, with no menu edit left pending on it. False: unchanged.
   */
  private async put(
    ctx: AdminMenuContext,
    id: string,
    page: DrawnPage,
    navigate: () => void,
    samePhoto = false,
  ): Promise<boolean> {
    const message = ctx.callbackQuery?.message;
    const onPhoto = message !== undefined && "photo" in message && message.photo !== undefined;
    if (page.photo === undefined && onPhoto) {
      await this.send(ctx, id, page);
      await ctx.deleteMessage().catch((error: unknown) => {
        // Too old to delete (48 hours): the new page is below it all the same.
        if (!(error instanceof GrammyError)) throw error;
      });
      return true;
    }
    navigate();
    if (page.photo === undefined) {
      const edited = await editMenuText(ctx, page.text);
      if (page.apart) await ctx.replyWithPhoto(page.apart);
      return edited;
    }
    try {
      if (onPhoto && samePhoto && typeof page.photo === "string")
        return await editMenuCaption(ctx, page.text);
      return await editMenuMedia(ctx, page.photo, page.text);
    } catch (error) {
      if (!isRefusedPhoto(error)) throw error;
      // The text fits a caption, so a photo message keeps its old photo under the new caption.
      return onPhoto ? editMenuCaption(ctx, page.text) : editMenuText(ctx, page.text);
    }
  }

  /** Sends a page as a new message (after a conversation, or from /admin); with its photo when it has one. */
  async send(ctx: UsherContext, id: string, drawn?: DrawnPage): Promise<void> {
    const page = drawn ?? (await this.draw(ctx, id));
    const reply_markup = this.get(id).menu;
    if (page.photo !== undefined) {
      try {
        await ctx.replyWithPhoto(page.photo, { caption: page.text, reply_markup });
        return;
      } catch (error) {
        if (!isRefusedPhoto(error)) throw error;
      }
    }
    await ctx.reply(page.text, { reply_markup });
    if (page.apart) await ctx.replyWithPhoto(page.apart);
  }

  /** A button that opens a page; a function label (`() => texts.x`) is read at each render. */
  link(range: MenuRange<UsherContext>, label: ButtonLabel, id: string): MenuRange<UsherContext> {
    return range.text(label, (ctx) => this.show(ctx, id));
  }

  /** The ⬅ Back button every page ends with, on its own row. */
  back(range: MenuRange<UsherContext>, parentId: string): MenuRange<UsherContext> {
    return range.row().text(
      () => texts.admin.back,
      (ctx) => this.show(ctx, parentId),
    );
  }
}
