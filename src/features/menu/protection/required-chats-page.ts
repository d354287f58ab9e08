import type { Context } from "grammy";
import type { UsherContext } from "../../../bot/context.js";
import { texts } from "../../../texts/admin-protection.js";
import { fillTemplate } from "../../content/template.js";
import {
  type ChatReferenceProblem,
  parseChatReference,
  parseJoinLink,
} from "../../gate/required-chats/chat-reference.js";
import {
  type ChatInspection,
  type InspectedChat,
  inspectChat,
} from "../../gate/required-chats/inspect-chat.js";
import { addRequiredChat, removeRequiredChat } from "../../gate/required-chats/required-chat-commands.js";
import type { RequiredChatRecord } from "../../gate/required-chats/required-chat-repository.js";
import { changeSetting } from "../../settings/change-setting.js";
import { type AdminConversationBuilder, actorOf, asAdmin } from "../area.js";
import { type AdminConversation, accept, ask, type Parsed, refuse } from "../ask.js";
import { numberSettingPage, schemaBounds } from "../number-setting.js";
import { type AdminPages, switchLabel } from "../pages.js";
import { settingsTextVariants } from "../variants/variants-pages.js";
import { formatDuration } from "./captcha-page.js";
import { preview, textSettingConversation } from "./edit-text.js";

export const requiredChatsPageId = "admin-joincheck";
/** Short ids: a chat id rides in these menus' callback data, which must stay within 64 bytes. */
const chatPageId = "admin-jc-chat";
const removePageId = "admin-jc-remove";
const cachePageId = "admin-jc-cache";
const promptConversation = "admin-joincheck-prompt";
const addChatConversation = "admin-joincheck-add";

const joinCheckOf = (ctx: UsherContext) => ctx.services.settings.get("joinCheck");

/** The chat id a list button carried; it can be forged, so it is only ever looked up, never trusted. */
function selectedChatId(ctx: UsherContext): number | undefined {
  const match = ctx.match;
  if (typeof match !== "string" || !/^-\d{1,16}$/.test(match)) return undefined;
  const id = Number(match);
  return Number.isSafeInteger(id) ? id : undefined;
}

function selectedChat(ctx: UsherContext): RequiredChatRecord | undefined {
  const id = selectedChatId(ctx);
  return id === undefined ? undefined : ctx.services.requiredChats.find(id);
}

/** Keeps the selected chat on the next page's buttons. */
const selection = (ctx: UsherContext) => (typeof ctx.match === "string" ? ctx.match : "");

const shortTitle = (title: string) => (title.length > 40 ? `${title.slice(0, 40)}…` : title);

/** The re-check setting as it acts now: it does nothing while the check itself is off. */
function recheckLine(joinCheck: { enabled: boolean; recheckEveryInteraction: boolean }): string {
  if (!joinCheck.recheckEveryInteraction) return texts.joinCheck.recheckOff;
  return joinCheck.enabled ? texts.joinCheck.recheckOn : texts.joinCheck.recheckIdle;
}

function pageText(ctx: UsherContext): string {
  const joinCheck = joinCheckOf(ctx);
  const chats = ctx.services.requiredChats.list();
  return [
    texts.joinCheck.title,
    joinCheck.enabled ? texts.joinCheck.on : texts.joinCheck.off,
    recheckLine(joinCheck),
    "",
    texts.joinCheck.promptHeading,
    preview(joinCheck.promptText),
    "",
    texts.joinCheck.chatsHeading,
    ...(chats.length === 0
      ? [texts.joinCheck.noChats]
      : chats.map((chat, index) => `${index + 1}. ${chat.title} (${chat.chatId})`)),
  ].join("\n");
}

/** Why a message names no chat, in the admin's language. */
function problemText(problem: ChatReferenceProblem): string {
  const problems: Record<ChatReferenceProblem, string> = {
    private_invite: texts.addChat.privateInvite,
    forwarded_from_user: texts.addChat.forwardedFromUser,
    user_id: texts.addChat.userId,
    unrecognized: texts.addChat.unrecognized,
  };
  return problems[problem];
}

function inspectionProblem(inspection: Exclude<ChatInspection, { kind: "ok" }>, bot: string): string {
  switch (inspection.kind) {
    case "not_found":
      return fillTemplate(texts.addChat.notFound, { bot });
    case "private_chat":
      return texts.addChat.privateChat;
    case "duplicate":
      return fillTemplate(texts.addChat.duplicate, { title: inspection.title });
    case "bot_not_admin":
      return fillTemplate(texts.addChat.botNotAdmin, { bot, title: inspection.title });
    case "failed":
      return fillTemplate(texts.addChat.failed, { description: inspection.description });
  }
}

function parseJoinLinkMessage(message: { text?: string }): Parsed<string> {
  const url = message.text === undefined ? null : parseJoinLink(message.text);
  return url ? accept(url) : refuse(texts.addChat.badJoinLink);
}

/**
 * 📢 Subscription check: the switches, the prompt text and the required chats, each with a
 * detail page to remove it (after confirmation), and ➕ Add chat.
 */
export function requiredChatsPage(
  pages: AdminPages,
  parentId: string,
): Array<{ id: string; builder: AdminConversationBuilder }> {
  const page = pages.create(requiredChatsPageId, pageText);
  page
    .text(
      (ctx) => switchLabel(joinCheckOf(ctx).enabled, texts.joinCheck.switch),
      async (ctx) => {
        changeSetting(ctx.services, actorOf(ctx), {
          key: "joinCheck",
          patch: { enabled: !joinCheckOf(ctx).enabled },
        });
        await pages.refresh(ctx, requiredChatsPageId);
      },
    )
    .row()
    .text(
      (ctx) => switchLabel(joinCheckOf(ctx).recheckEveryInteraction, texts.joinCheck.recheckSwitch),
      async (ctx) => {
        const recheckEveryInteraction = !joinCheckOf(ctx).recheckEveryInteraction;
        changeSetting(ctx.services, actorOf(ctx), { key: "joinCheck", patch: { recheckEveryInteraction } });
        await pages.refresh(ctx, requiredChatsPageId);
      },
    )
    .row()
    .text(
      (ctx) =>
        fillTemplate(texts.joinCheck.cacheButton, {
          duration: formatDuration(joinCheckOf(ctx).cacheSeconds),
        }),
      (ctx) => pages.show(ctx, cachePageId),
    )
    .row()
    .dynamic((ctx, range) => {
      for (const chat of ctx.services.requiredChats.list()) {
        range
          .text(
            {
              text: fillTemplate(texts.joinCheck.chatButton, { title: shortTitle(chat.title) }),
              payload: String(chat.chatId),
            },
            (c) => pages.show(c, chatPageId),
          )
          .row();
      }
    })
    .text(
      () => texts.joinCheck.addChat,
      (ctx) => ctx.conversation.enter(addChatConversation),
    )
    .text(
      () => texts.joinCheck.editPrompt,
      (ctx) => ctx.conversation.enter(promptConversation),
    );
  const promptLanguages = settingsTextVariants(pages, {
    parentPageId: requiredChatsPageId,
    subjects: ["joinCheck.prompt"],
  });
  promptLanguages.button(page);
  pages.back(page, parentId);

  // The Remove button is always drawn so the page keeps one shape whatever the payload says
  // (the menu plugin compares shapes); its handler checks the chat is really listed.
  const chatPage = pages.create(chatPageId, (ctx) => {
    const chat = selectedChat(ctx);
    return chat
      ? fillTemplate(texts.chat.details, { title: chat.title, chat_id: chat.chatId, join_url: chat.joinUrl })
      : texts.chat.gone;
  });
  chatPage.text({ text: () => texts.chat.remove, payload: selection }, async (ctx) => {
    await pages.show(ctx, selectedChat(ctx) ? removePageId : requiredChatsPageId);
  });
  pages.back(chatPage, requiredChatsPageId);

  const removePage = pages.create(removePageId, (ctx) => {
    const chat = selectedChat(ctx);
    return chat ? fillTemplate(texts.chat.confirm, { title: chat.title }) : texts.chat.gone;
  });
  removePage
    .text({ text: () => texts.chat.confirmYes, payload: selection }, async (ctx) => {
      const chat = selectedChat(ctx);
      if (chat) removeRequiredChat(ctx.services, actorOf(ctx), chat.chatId);
      await pages.show(ctx, requiredChatsPageId);
    })
    .text({ text: () => texts.chat.confirmNo, payload: selection }, (ctx) => pages.show(ctx, chatPageId));

  async function addChat(conversation: AdminConversation, ctx: Context): Promise<void> {
    const bot = ctx.me.username;
    const chat = await ask<InspectedChat>(
      conversation,
      ctx,
      fillTemplate(texts.addChat.ask, { bot }),
      async (message) => {
        const parsed = parseChatReference(message);
        if (!parsed.ok) return refuse(problemText(parsed.problem));
        const inspection = await conversation.external(
          async (octx): Promise<ChatInspection | { kind: "not_admin" }> => {
            if (!octx.from || !octx.services.admins.isAdmin(octx.from.id)) return { kind: "not_admin" };
            const { api, me, services, log } = octx;
            return inspectChat(
              { api, botId: me.id, requiredChats: services.requiredChats, log },
              parsed.reference,
            );
          },
        );
        if (inspection.kind === "not_admin") return conversation.halt();
        if (inspection.kind !== "ok") return refuse(inspectionProblem(inspection, bot));
        return accept(inspection.chat);
      },
    );
    const joinUrl =
      chat.joinUrl ??
      (await ask(
        conversation,
        ctx,
        fillTemplate(texts.addChat.askJoinLink, { title: chat.title }),
        parseJoinLinkMessage,
      ));
    await asAdmin(conversation, async (octx) => {
      const added = addRequiredChat(octx.services, actorOf(octx), {
        chatId: chat.chatId,
        title: chat.title,
        joinUrl,
      });
      await octx.reply(
        fillTemplate(added ? texts.addChat.added : texts.addChat.alreadyListed, { title: chat.title }),
      );
      await pages.send(octx, requiredChatsPageId);
    });
  }

  return [
    ...promptLanguages.conversations,
    numberSettingPage(pages, {
      id: cachePageId,
      parentId: requiredChatsPageId,
      title: () => texts.joinCheck.cacheTitle,
      help: () => texts.joinCheck.cacheHelp,
      unit: () => texts.joinCheck.cacheUnit,
      format: formatDuration,
      steps: [10, 60],
      bounds: () => schemaBounds("joinCheck", "cacheSeconds"),
      read: (ctx) => joinCheckOf(ctx).cacheSeconds,
      save: (ctx, cacheSeconds) =>
        changeSetting(ctx.services, actorOf(ctx), { key: "joinCheck", patch: { cacheSeconds } }),
    }),
    { id: addChatConversation, builder: addChat },
    {
      id: promptConversation,
      builder: textSettingConversation(pages, {
        prompt: () => texts.joinCheck.askPrompt,
        pageId: requiredChatsPageId,
        save: (ctx, promptText) =>
          changeSetting(ctx.services, actorOf(ctx), { key: "joinCheck", patch: { promptText } }),
      }),
    },
  ];
}
