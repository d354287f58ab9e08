import type { Context } from "grammy";
import type { Message } from "grammy/types";
import { texts as previewTexts } from "../../../texts/admin-preview.js";
import { texts as buttonTexts } from "../../../texts/admin-url-buttons.js";
import { texts as welcomeTexts } from "../../../texts/admin-welcome.js";
import { texts } from "../../../texts/bot.js";
import { texts as fieldTexts } from "../../../texts/personalization.js";
import type { MessageContent } from "../../content/message-content.js";
import { sendContent } from "../../content/send-content.js";
import { fillTemplate } from "../../content/template.js";
import { urlKeyboard } from "../../content/url-keyboard.js";
import { fieldsFor } from "../../gate/gate-replies.js";
import { languageOfUser } from "../../language/language.js";
import { unknownFields } from "../../personalization/template-fields.js";
import { changeSetting } from "../../settings/change-setting.js";
import { type AdminArea, actorOf, asAdmin } from "../area.js";
import { type AdminConversation, accept, ask, type Parsed, parseText, refuse } from "../ask.js";
import { rootPageId } from "../page-ids.js";
import { switchLabel } from "../pages.js";
import { previewUserOf, previewUserView, sendPreviewAs } from "../preview-user.js";
import {
  askButtonsPrompt,
  buttonsSavedText,
  describeUrlButtons,
  parseButtonsMessage,
  trackingNote,
} from "../url-buttons-input.js";
import { variantsPages } from "../variants/variants-pages.js";

export const welcomePageId = "admin-welcome";
const setWelcomeConversation = "admin-welcome-set";
const setButtonsConversation = "admin-welcome-buttons";
const previewAsConversation = "admin-welcome-preview-as";

function describe(content: MessageContent): string {
  if (content.type === "copy") return welcomeTexts.copied;
  return content.text.length > 1000 ? `${content.text.slice(0, 1000)}…` : content.text;
}

/** A text keeps its formatting and templates; anything else is copied from this chat when sent. */
function contentOf(message: Message): Parsed<MessageContent> {
  if (message.text !== undefined) {
    const parsed = parseText(message);
    if (!parsed.ok) return parsed;
    const { text, entities } = parsed.value;
    const [unknown] = unknownFields(text);
    if (unknown !== undefined) return refuse(fillTemplate(fieldTexts.unknownField, { field: unknown }));
    return accept(entities ? { type: "text", text, entities } : { type: "text", text });
  }
  return accept({ type: "copy", fromChatId: message.chat.id, messageId: message.message_id });
}

/** 👋 Welcome message: what a new bot user (or a returning /start) receives. */
export const welcomeArea: AdminArea = (pages) => {
  const page = pages.create(welcomePageId, (ctx) => {
    const welcome = ctx.services.settings.get("welcome");
    return [
      welcomeTexts.title,
      welcome.enabled ? welcomeTexts.on : welcomeTexts.off,
      "",
      describe(welcome.content),
      "",
      fillTemplate(buttonTexts.summary, { buttons: describeUrlButtons(welcome.buttons) }),
      ...(welcome.buttons.length > 0 ? [trackingNote(ctx.services)] : []),
      "",
      fieldTexts.help,
    ].join("\n");
  });
  page
    .text(
      (ctx) => switchLabel(ctx.services.settings.get("welcome").enabled, welcomeTexts.switchButton),
      async (ctx) => {
        const enabled = !ctx.services.settings.get("welcome").enabled;
        changeSetting(ctx.services, actorOf(ctx), { key: "welcome", patch: { enabled } });
        await pages.refresh(ctx, welcomePageId);
      },
    )
    .row()
    .text(
      () => welcomeTexts.setButton,
      (ctx) => ctx.conversation.enter(setWelcomeConversation),
    )
    .text(
      () => welcomeTexts.previewButton,
      async (ctx) => {
        if (!ctx.from) return;
        // The admin sees the buttons' own URLs: a preview is no click to count.
        const { content, buttons } = ctx.services.settings.get("welcome");
        await sendContent(ctx.api, ctx.from.id, content, fieldsFor(ctx), urlKeyboard(buttons));
      },
    )
    .text(
      () => previewTexts.button,
      (ctx) => ctx.conversation.enter(previewAsConversation),
    )
    .row()
    .text(
      () => buttonTexts.button,
      (ctx) => ctx.conversation.enter(setButtonsConversation),
    );
  const languages = variantsPages(pages, {
    id: welcomePageId,
    parentPageId: welcomePageId,
    subject: () => "welcome",
    parse: contentOf,
    // As a user gets it: under the default's URL buttons.
    preview: async (ctx, content) => {
      if (!ctx.from || typeof content === "string") return;
      const { buttons } = ctx.services.settings.get("welcome");
      await sendContent(
        ctx.api,
        ctx.from.id,
        content as MessageContent,
        fieldsFor(ctx),
        urlKeyboard(buttons),
      );
    },
  });
  languages.button(page);
  pages.back(page, rootPageId);

  async function setWelcome(conversation: AdminConversation, ctx: Context): Promise<void> {
    const content = await ask(conversation, ctx, `${welcomeTexts.ask}\n${fieldTexts.help}`, contentOf);
    await asAdmin(conversation, async (octx) => {
      changeSetting(octx.services, actorOf(octx), { key: "welcome", patch: { content } });
      await octx.reply(
        content.type === "copy" ? `${texts.admin.saved} ${welcomeTexts.keepCopied}` : texts.admin.saved,
      );
      await pages.send(octx, welcomePageId);
    });
  }

  async function setButtons(conversation: AdminConversation, ctx: Context): Promise<void> {
    const current = await conversation.external((octx) => octx.services.settings.get("welcome").buttons);
    const buttons = await ask(conversation, ctx, askButtonsPrompt(current), parseButtonsMessage);
    await asAdmin(conversation, async (octx) => {
      changeSetting(octx.services, actorOf(octx), { key: "welcome", patch: { buttons } });
      await octx.reply(buttonsSavedText(buttons));
      await pages.send(octx, welcomePageId);
    });
  }

  async function previewAs(conversation: AdminConversation, ctx: Context): Promise<void> {
    // With their language, so the preview is the welcome written for it when there is one.
    const who = await ask(conversation, ctx, previewTexts.askUser, (message) =>
      previewUserOf(conversation, message, (services, user) => ({
        ...previewUserView(services, user),
        language: languageOfUser(user),
      })),
    );
    await asAdmin(conversation, async (octx) => {
      const { content, buttons } = octx.services.settings.get("welcome");
      const variant =
        who.language === null ? undefined : octx.services.variants.find("welcome", who.language);
      await sendPreviewAs(octx, who, (variant?.content as MessageContent | undefined) ?? content, buttons);
    });
  }

  return [
    { id: setWelcomeConversation, builder: setWelcome },
    { id: previewAsConversation, builder: previewAs },
    { id: setButtonsConversation, builder: setButtons },
    ...languages.conversations,
  ];
};
