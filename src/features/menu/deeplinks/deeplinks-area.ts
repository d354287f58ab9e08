import type { MenuRange } from "@grammyjs/menu";
import type { Context } from "grammy";
import type { Message } from "grammy/types";
import type { UsherContext } from "../../../bot/context.js";
import { UsherError } from "../../../errors.js";
import { classifyTelegramError } from "../../../telegram/errors.js";
import { texts } from "../../../texts/admin-deeplinks.js";
import { texts as previewTexts } from "../../../texts/admin-preview.js";
import { texts as buttonTexts } from "../../../texts/admin-url-buttons.js";
import { texts as shared } from "../../../texts/bot.js";
import { texts as fieldTexts } from "../../../texts/personalization.js";
import type { MessageContent } from "../../content/message-content.js";
import { sendContent } from "../../content/send-content.js";
import { fillTemplate } from "../../content/template.js";
import { urlKeyboard } from "../../content/url-keyboard.js";
import { checkDeeplinkCode, generateDeeplinkCode } from "../../gate/deeplinks/deeplink-code.js";
import {
  createDeeplink,
  deleteDeeplink,
  setDeeplinkButtons,
} from "../../gate/deeplinks/deeplink-commands.js";
import type { DeeplinkRecord } from "../../gate/deeplinks/deeplink-repository.js";
import { maxTagsPerDeeplink, parseTags } from "../../gate/deeplinks/deeplink-tags.js";
import { fieldsFor } from "../../gate/gate-replies.js";
import { payloadMeaning, startLink } from "../../gate/start-payload.js";
import { languageOfUser } from "../../language/language.js";
import { unknownFields } from "../../personalization/template-fields.js";
import { changeSetting } from "../../settings/change-setting.js";
import { type AdminArea, actorOf, asAdmin } from "../area.js";
import { type AdminConversation, accept, ask, type Parsed, parseText, refuse } from "../ask.js";
import { extensionsPageId } from "../page-ids.js";
import {
  addPageButtons,
  decodeListState,
  listWindow,
  pagePayload,
  selectionPayload,
  showListPage,
} from "../paged-list.js";
import { type AdminMenuContext, type AdminPages, switchLabel } from "../pages.js";
import { previewUserOf, previewUserView, sendPreviewAs } from "../preview-user.js";
import { refusalReply } from "../refusal-replies.js";
import {
  askButtonsPrompt,
  buttonsSavedText,
  describeUrlButtons,
  parseButtonsMessage,
  trackingNote,
} from "../url-buttons-input.js";
import { variantsPages } from "../variants/variants-pages.js";
import { deeplinkKey } from "./deeplink-key.js";

export const deeplinksPageId = "admin-deeplinks";
const deeplinkPageId = "admin-deeplink";
const deleteDeeplinkPageId = "admin-deeplink-del";
const newDeeplinkConversation = "admin-deeplinks-new";
const deeplinkButtonsConversation = "admin-deeplink-buttons";
const previewAsConversation = "admin-deeplink-preview-as";

/** The deeplink a list or detail button was pressed for, if it (still) exists. */
function selectedDeeplink(ctx: UsherContext): DeeplinkRecord | undefined {
  const { selection } = decodeListState(ctx.match);
  if (selection === null) return undefined;
  const { deeplinks } = ctx.services;
  const code = deeplinks.codes().find((c) => deeplinkKey(c) === selection);
  return code === undefined ? undefined : deeplinks.find(code);
}

function deeplinkWindow(ctx: UsherContext) {
  return listWindow(decodeListState(ctx.match).page, ctx.services.deeplinks.count());
}

function deeplinksText(ctx: UsherContext): string {
  const total = ctx.services.deeplinks.count();
  const window = deeplinkWindow(ctx);
  const list = ctx.services.deeplinks
    .listNewestFirst(window)
    .map((d) => fillTemplate(texts.line, { code: d.code, hits: d.hits }));
  return [
    texts.title,
    "",
    fillTemplate(ctx.services.settings.get("deeplinks").enabled ? texts.on : texts.off, {
      bot: ctx.me.username,
    }),
    "",
    total === 0
      ? texts.none
      : fillTemplate(texts.count, { count: total, page: window.page + 1, pages: window.pageCount }),
    ...list,
  ].join("\n");
}

function contentKind(content: MessageContent): string {
  if (content.type === "text") return texts.kindText;
  return fillTemplate(texts.kindCopy, { message_id: content.messageId, chat_id: content.fromChatId });
}

function deeplinkText(ctx: UsherContext): string {
  const deeplink = selectedDeeplink(ctx);
  if (!deeplink) return texts.gone;
  return [
    fillTemplate(texts.detailTitle, { code: deeplink.code }),
    "",
    fillTemplate(texts.detailBody, {
      link: startLink(ctx.me.username, deeplink.code),
      hits: deeplink.hits,
      tags: deeplink.tags.length > 0 ? deeplink.tags.join(", ") : texts.noTags,
      kind: contentKind(deeplink.content),
      buttons: describeUrlButtons(deeplink.buttons),
    }),
    ...(deeplink.buttons.length > 0 ? [trackingNote(ctx.services)] : []),
  ].join("\n");
}

function deleteDeeplinkText(ctx: UsherContext): string {
  const deeplink = selectedDeeplink(ctx);
  return deeplink ? fillTemplate(texts.confirmDelete, { code: deeplink.code }) : texts.gone;
}

/** Shows the list at the page the pressed button came from (or `page`). */
function showList(pages: AdminPages, ctx: AdminMenuContext, page?: number): Promise<void> {
  return showListPage(pages, ctx, deeplinksPageId, page);
}

/** Why a typed code cannot be used, or null when it can (apart from being taken). */
function codeProblem(code: string): string | null {
  const check = checkDeeplinkCode(code);
  if (check.ok) return null;
  if (check.problem === "format") return texts.codeFormat;
  const prefix = code.charAt(0);
  return fillTemplate(texts.codeReferralPrefix, {
    prefix,
    upper: prefix.toUpperCase(),
    meaning:
      payloadMeaning(code).kind === "user_referral" ? texts.userReferralMeaning : texts.campaignMeaning,
  });
}

/** A deeplink's content from the admin's message: a text as text, anything else as a copy of it. */
function parseContent(message: Message): Parsed<MessageContent> {
  if (message.text === undefined) {
    return accept({ type: "copy", fromChatId: message.chat.id, messageId: message.message_id });
  }
  const text = parseText(message);
  if (!text.ok) return text;
  const [unknown] = unknownFields(text.value.text);
  if (unknown !== undefined) return refuse(fillTemplate(fieldTexts.unknownField, { field: unknown }));
  const { entities } = text.value;
  return accept({ type: "text", text: text.value.text, ...(entities ? { entities } : {}) });
}

function parseTagsMessage(message: Message): Parsed<string[]> {
  if (message.text === undefined) return refuse(shared.admin.notText);
  const parsed = parseTags(message.text);
  if (parsed.ok) return accept(parsed.tags);
  if (parsed.problem === "empty") return refuse(texts.tagsEmpty);
  if (parsed.problem === "invalid")
    return refuse(fillTemplate(texts.tagInvalid, { tag: parsed.tag.slice(0, 64) }));
  return refuse(fillTemplate(texts.tooManyTags, { count: parsed.count, max: maxTagsPerDeeplink }));
}

/** Sends `content` to the admin under the deeplink's buttons; a refusal by Telegram is told, not thrown. */
async function sendPreview(
  ctx: UsherContext,
  content: MessageContent,
  deeplink: DeeplinkRecord,
): Promise<void> {
  if (!ctx.chat) return;
  try {
    // The buttons' own URLs: a preview is no click to count.
    await sendContent(ctx.api, ctx.chat.id, content, fieldsFor(ctx), urlKeyboard(deeplink.buttons));
  } catch (error) {
    const failure = classifyTelegramError(error);
    if (failure.kind === "transient" || failure.kind === "rate_limited") throw error;
    await ctx.reply(fillTemplate(texts.previewFailed, { reason: failure.description }));
  }
}

/** 🔗 Deeplinks: the switch, the list with hit counts, and each deeplink's page. */
export const deeplinksArea: AdminArea = (pages) => {
  const page = pages.create(deeplinksPageId, deeplinksText);
  page
    .text(
      {
        text: (ctx) => switchLabel(ctx.services.settings.get("deeplinks").enabled, texts.switchLabel),
        payload: pagePayload,
      },
      async (ctx) => {
        const enabled = !ctx.services.settings.get("deeplinks").enabled;
        changeSetting(ctx.services, actorOf(ctx), { key: "deeplinks", patch: { enabled } });
        await pages.refresh(ctx, deeplinksPageId);
      },
    )
    .text({ text: () => texts.newButton, payload: pagePayload }, (ctx) =>
      ctx.conversation.enter(newDeeplinkConversation),
    );
  page.dynamic((ctx, range) => {
    const window = deeplinkWindow(ctx);
    for (const deeplink of ctx.services.deeplinks.listNewestFirst(window)) {
      range.row().text(
        {
          // Hit counts stay in the page text: a label that changes makes the menu plugin refuse the press.
          text: fillTemplate(texts.item, { code: deeplink.code }),
          payload: `${window.page}.${deeplinkKey(deeplink.code)}`,
        },
        async (ctx) => {
          if (!selectedDeeplink(ctx)) return showList(pages, ctx);
          await pages.show(ctx, deeplinkPageId);
        },
      );
    }
    addPageButtons(range, window, (ctx, to) => showList(pages, ctx, to));
  });
  page
    .row()
    .text({ text: () => shared.admin.back, payload: pagePayload }, (ctx) =>
      pages.show(ctx, extensionsPageId),
    );

  const languages = variantsPages(pages, {
    id: deeplinkPageId,
    parentPageId: deeplinkPageId,
    subject: (ctx) => {
      const deeplink = selectedDeeplink(ctx);
      return deeplink && `deeplink:${deeplink.code}`;
    },
    parse: parseContent,
    // The pages' payload is theirs, not the deeplink page's: the deeplink is found by its subject.
    preview: async (ctx, content, subject) => {
      const deeplink = ctx.services.deeplinks.find(subject.slice("deeplink:".length));
      if (!deeplink || typeof content === "string") return;
      await sendPreview(ctx, content as MessageContent, deeplink);
    },
  });

  const addDetailButtons = (range: MenuRange<UsherContext>) => {
    range
      .text({ text: () => texts.previewButton, payload: selectionPayload }, async (ctx) => {
        const deeplink = selectedDeeplink(ctx);
        if (!deeplink || !ctx.chat) return showList(pages, ctx);
        await sendPreview(ctx, deeplink.content, deeplink);
      })
      .text({ text: () => previewTexts.button, payload: selectionPayload }, async (ctx) => {
        const deeplink = selectedDeeplink(ctx);
        if (!deeplink) return showList(pages, ctx);
        await ctx.conversation.enter(previewAsConversation, deeplink.code);
      })
      .row()
      .text({ text: () => buttonTexts.button, payload: selectionPayload }, async (ctx) => {
        const deeplink = selectedDeeplink(ctx);
        if (!deeplink) return showList(pages, ctx);
        await ctx.conversation.enter(deeplinkButtonsConversation, deeplink.code);
      })
      .text({ text: () => texts.deleteButton, payload: selectionPayload }, async (ctx) => {
        if (!selectedDeeplink(ctx)) return showList(pages, ctx);
        await pages.show(ctx, deleteDeeplinkPageId);
      })
      .row();
    languages.button(range).row();
  };

  const detail = pages.create(deeplinkPageId, deeplinkText);
  // One dynamic range for all buttons: a deeplink that is gone leaves only Back, with no empty row.
  detail.dynamic((ctx, range) => {
    if (selectedDeeplink(ctx)) addDetailButtons(range);
    range.text({ text: () => shared.admin.back, payload: selectionPayload }, (ctx) => showList(pages, ctx));
  });

  const confirm = pages.create(deleteDeeplinkPageId, deleteDeeplinkText);
  confirm
    .text({ text: () => texts.confirmYes, payload: selectionPayload }, async (ctx) => {
      const selected = selectedDeeplink(ctx);
      if (selected) deleteDeeplink(ctx.services, actorOf(ctx), selected.code);
      await showList(pages, ctx);
    })
    .text({ text: () => texts.confirmNo, payload: selectionPayload }, (ctx) =>
      pages.show(ctx, deeplinkPageId),
    );

  async function newDeeplink(conversation: AdminConversation, ctx: Context): Promise<void> {
    const code = await ask(conversation, ctx, texts.askCode, async (message) => {
      if (message.text === undefined) return refuse(shared.admin.notText);
      const typed = message.text.trim();
      if (typed === "auto") {
        return accept(
          await conversation.external((octx) =>
            generateDeeplinkCode((c) => octx.services.deeplinks.find(c) !== undefined),
          ),
        );
      }
      const problem = codeProblem(typed);
      if (problem !== null) return refuse(problem);
      const taken = await conversation.external((octx) => octx.services.deeplinks.find(typed) !== undefined);
      return taken ? refuse(fillTemplate(texts.codeTaken, { code: typed })) : accept(typed);
    });
    const content = await ask(conversation, ctx, fillTemplate(texts.askContent, { code }), parseContent);
    const tags = await ask(conversation, ctx, texts.askTags, parseTagsMessage);
    await asAdmin(conversation, async (octx) => {
      try {
        createDeeplink(octx.services, actorOf(octx), { code, content, tags });
      } catch (error) {
        if (!(error instanceof UsherError)) throw error;
        await octx.reply(refusalReply(error));
        return;
      }
      const lines = [fillTemplate(texts.created, { link: startLink(octx.me.username, code) })];
      if (tags.length > 0) lines.push(fillTemplate(texts.createdTags, { tags: tags.join(", ") }));
      if (content.type === "copy") lines.push("", texts.createdCopyNote);
      if (!octx.services.settings.get("deeplinks").enabled) lines.push("", texts.deeplinksAreOff);
      await octx.reply(lines.join("\n"));
      await pages.send(octx, deeplinksPageId);
    });
  }

  async function setButtons(conversation: AdminConversation, ctx: Context, arg?: unknown): Promise<void> {
    if (typeof arg !== "string") return;
    const code = arg;
    const current = await conversation.external((octx) => octx.services.deeplinks.find(code)?.buttons);
    if (current === undefined) {
      await ctx.reply(texts.buttonsGone);
      return;
    }
    const buttons = await ask(conversation, ctx, askButtonsPrompt(current), parseButtonsMessage);
    await asAdmin(conversation, async (octx) => {
      if (!setDeeplinkButtons(octx.services, actorOf(octx), { code, buttons })) {
        await octx.reply(texts.buttonsGone);
        return;
      }
      await octx.reply(buttonsSavedText(buttons));
      await pages.send(octx, deeplinksPageId);
    });
  }

  async function previewAs(conversation: AdminConversation, ctx: Context, arg?: unknown): Promise<void> {
    if (typeof arg !== "string") return;
    const code = arg;
    const who = await ask(conversation, ctx, previewTexts.askUser, (message) =>
      previewUserOf(conversation, message, (services, user) => ({
        ...previewUserView(services, user),
        language: languageOfUser(user),
      })),
    );
    await asAdmin(conversation, async (octx) => {
      const deeplink = octx.services.deeplinks.find(code);
      if (!deeplink) {
        await octx.reply(texts.gone);
        return;
      }
      // What that user gets: the variant in their language, if the admin wrote one.
      const variant =
        who.language === null ? undefined : octx.services.variants.find(`deeplink:${code}`, who.language);
      const content = (variant?.content as MessageContent | undefined) ?? deeplink.content;
      try {
        await sendPreviewAs(octx, who, content, deeplink.buttons);
      } catch (error) {
        const failure = classifyTelegramError(error);
        if (failure.kind === "transient" || failure.kind === "rate_limited") throw error;
        await octx.reply(fillTemplate(texts.previewFailed, { reason: failure.description }));
      }
    });
  }

  return [
    { id: newDeeplinkConversation, builder: newDeeplink },
    { id: previewAsConversation, builder: previewAs },
    { id: deeplinkButtonsConversation, builder: setButtons },
    ...languages.conversations,
  ];
};
