import type { Context } from "grammy";
import type { Message } from "grammy/types";
import type { UsherContext } from "../../../bot/context.js";
import { texts } from "../../../texts/admin-general.js";
import { texts as shared } from "../../../texts/bot.js";
import { fillTemplate } from "../../content/template.js";
import { parseChatReference } from "../../gate/required-chats/chat-reference.js";
import { changeSetting } from "../../settings/change-setting.js";
import { type AdminArea, actorOf, asAdmin } from "../area.js";
import { type AdminConversation, accept, ask, type Parsed, parseText, refuse } from "../ask.js";
import { type NumberSetting, numberSettingPage, schemaBounds } from "../number-setting.js";
import { rootPageId } from "../page-ids.js";
import { settingsTextVariants } from "../variants/variants-pages.js";
import { checkSupportChat, type SupportChat, type SupportChatCheck } from "./support-chat.js";

export const generalPageId = "admin-general";
const dearUserNameConversation = "admin-general-dear-user";
const supportChatConversation = "admin-general-support-chat";

type MinutesField = "sessionTimeoutMinutes" | "pauseMinutes";

/** The minutes settings: each a number page opened by its button. */
const minutesFields: Record<
  MinutesField,
  Omit<NumberSetting, "parentId" | "read" | "save" | "bounds" | "format" | "unit"> & { button: () => string }
> = {
  sessionTimeoutMinutes: {
    id: "admin-general-session",
    button: () => texts.sessionTimeoutButton,
    title: () => texts.sessionTimeoutTitle,
    help: () => texts.sessionTimeoutHelp,
    steps: [1, 10],
  },
  pauseMinutes: {
    id: "admin-general-pause",
    button: () => texts.pauseButton,
    title: () => texts.pauseTitle,
    help: () => texts.pauseHelp,
    steps: [5, 60],
  },
};

/** A name is plain text: its formatting is dropped, the setting's own rules are the verb's. */
function parseName(message: Message): Parsed<string> {
  const parsed = parseText(message);
  return parsed.ok ? accept(parsed.value.text.trim()) : parsed;
}

function generalText(ctx: UsherContext): string {
  const general = ctx.services.settings.get("general");
  const users = ctx.services.settings.get("users");
  return [
    texts.title,
    "",
    fillTemplate(texts.dearUserName, { name: general.dearUserName }),
    "",
    fillTemplate(texts.sessionTimeout, { minutes: users.sessionTimeoutMinutes }),
    "",
    fillTemplate(texts.pause, { minutes: users.pauseMinutes }),
    "",
    users.supportChatId === null
      ? texts.supportChatNone
      : fillTemplate(texts.supportChat, { chat: users.supportChatId }),
  ].join("\n");
}

/** What the admin is told when a support chat cannot be used. */
function supportChatProblem(check: Exclude<SupportChatCheck, { kind: "ok" }>, bot: string): string {
  const title = check.kind === "cannot_post" ? check.title : "";
  const description = check.kind === "failed" ? check.description : "";
  return fillTemplate(texts.supportChatProblems[check.kind], { bot, title, description });
}

/** ⚙️ General: the Dear User name, the session and pause lengths, and the support chat. */
export const generalArea: AdminArea = (pages) => {
  const page = pages.create(generalPageId, generalText);
  page.text(
    () => texts.dearUserNameButton,
    (ctx) => ctx.conversation.enter(dearUserNameConversation),
  );
  const dearUserLanguages = settingsTextVariants(pages, {
    parentPageId: generalPageId,
    subjects: ["dearUser"],
  });
  dearUserLanguages.button(page).row();
  for (const [field, { id, button }] of Object.entries(minutesFields) as Array<
    [MinutesField, (typeof minutesFields)[MinutesField]]
  >) {
    page
      .text(
        (ctx) => fillTemplate(button(), { minutes: ctx.services.settings.get("users")[field] }),
        (ctx) => pages.show(ctx, id),
      )
      .row();
  }
  page.text(
    () => texts.supportChatButton,
    (ctx) => ctx.conversation.enter(supportChatConversation),
  );
  page.dynamic((ctx, range) => {
    if (ctx.services.settings.get("users").supportChatId === null) return;
    range.row().text(texts.supportChatReset, async (ctx) => {
      changeSetting(ctx.services, actorOf(ctx), { key: "users", patch: { supportChatId: null } });
      await pages.refresh(ctx, generalPageId);
    });
  });
  pages.back(page, rootPageId);

  async function editDearUserName(conversation: AdminConversation, ctx: Context): Promise<void> {
    const current = await conversation.external((octx) => octx.services.settings.get("general").dearUserName);
    const prompt = fillTemplate(texts.askDearUserName, { name: current });
    const dearUserName = await ask(conversation, ctx, prompt, parseName);
    await asAdmin(conversation, async (octx) => {
      changeSetting(octx.services, actorOf(octx), { key: "general", patch: { dearUserName } });
      await octx.reply(shared.admin.saved);
      await pages.send(octx, generalPageId);
    });
  }

  async function chooseSupportChat(conversation: AdminConversation, ctx: Context): Promise<void> {
    const bot = ctx.me.username;
    const prompt = fillTemplate(texts.askSupportChat, { bot });
    const chat = await ask<SupportChat>(conversation, ctx, prompt, async (message) => {
      const parsed = parseChatReference(message);
      if (!parsed.ok) return refuse(fillTemplate(texts.supportChatProblems[parsed.problem], { bot }));
      const check = await conversation.external(
        async (octx): Promise<SupportChatCheck | { kind: "not_admin" }> => {
          if (!octx.from || !octx.services.admins.isAdmin(octx.from.id)) return { kind: "not_admin" };
          return checkSupportChat({ api: octx.api, botId: octx.me.id, log: octx.log }, parsed.reference);
        },
      );
      if (check.kind === "not_admin") return conversation.halt();
      if (check.kind !== "ok") return refuse(supportChatProblem(check, bot));
      return accept(check.chat);
    });
    await asAdmin(conversation, async (octx) => {
      changeSetting(octx.services, actorOf(octx), { key: "users", patch: { supportChatId: chat.chatId } });
      await octx.reply(fillTemplate(texts.supportChatSaved, { title: chat.title, id: chat.chatId }));
      await pages.send(octx, generalPageId);
    });
  }

  return [
    { id: dearUserNameConversation, builder: editDearUserName },
    { id: supportChatConversation, builder: chooseSupportChat },
    ...dearUserLanguages.conversations,
    ...(Object.keys(minutesFields) as MinutesField[]).map((field) =>
      numberSettingPage(pages, {
        ...minutesFields[field],
        parentId: generalPageId,
        unit: () => texts.minutesUnit,
        format: (minutes) => fillTemplate(texts.minutes, { minutes }),
        bounds: () => schemaBounds("users", field),
        read: (ctx) => ctx.services.settings.get("users")[field],
        save: (ctx, minutes) =>
          changeSetting(ctx.services, actorOf(ctx), { key: "users", patch: { [field]: minutes } }),
      }),
    ),
  ];
};
