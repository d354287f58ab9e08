import type { MenuRange } from "@grammyjs/menu";
import { InputFile } from "grammy";
import type { UsherContext } from "../../../bot/context.js";
import { UsherError } from "../../../errors.js";
import { classifyTelegramError } from "../../../telegram/errors.js";
import { cardTexts as cardSequencesTexts } from "../../../texts/admin-sequences.js";
import { texts as topicTexts } from "../../../texts/admin-topics.js";
import { texts } from "../../../texts/admin-users.js";
import { texts as shared } from "../../../texts/bot.js";
import { fillTemplate } from "../../content/template.js";
import { downloadUserData } from "../../users/gdpr.js";
import { refreshUserPhoto } from "../../users/profile-photo.js";
import { isPaused } from "../../users/takeover/pause.js";
import { resumeBot } from "../../users/takeover/pause-bot.js";
import type { UserRecord } from "../../users/user-repository.js";
import { type AdminConversationEntry, actorOf } from "../area.js";
import { usersPageId } from "../page-ids.js";
import type { AdminMenuContext, AdminPages } from "../pages.js";
import { refusalReply } from "../refusal-replies.js";
import { cardInputConversations, cardInputs } from "./card-inputs.js";
import { addCardLanguagePage, cardLanguagePageId, languageButtonLabel } from "./card-language.js";
import { cardPageId, cardParts, patch, selectedUser, showCard, userPayload } from "./card-navigation.js";
import { cardNotesPage, notesPageId } from "./card-notes.js";
import { addCardSequencesPage, cardSequencesPageId } from "./card-sequences.js";
import { cardSubPageIds, cardSubPages } from "./card-sub-pages.js";
import { userCardText } from "./card-text.js";

/**
 * The user card with its actions (pause, infinite session, ban, photo, download), and its pages
 * (tags, attributes, topics, notes, sequences, language, edit, pause, delete) with their inputs.
 */
export function userCardPages(pages: AdminPages): AdminConversationEntry[] {
  const { userButton, showCardOf, subPage } = cardParts(pages);
  const ids = cardSubPageIds;

  const card = pages.create(
    cardPageId,
    (ctx) => {
      const user = selectedUser(ctx);
      return user ? userCardText(ctx.services, user) : texts.gone;
    },
    { photo: (ctx) => selectedUser(ctx)?.photoFileId },
  );
  card.dynamic((ctx, range) => {
    const user = selectedUser(ctx);
    if (user) addCardButtons(range, user, isPaused(user.pausedUntil, ctx.services.now()));
    range.text({ text: shared.admin.back, payload: userPayload }, (ctx) => pages.show(ctx, usersPageId));
  });

  const refreshCard = (ctx: AdminMenuContext) => pages.refresh(ctx, cardPageId);
  const open = (id: string) => (ctx: AdminMenuContext) => pages.show(ctx, id);

  function addCardButtons(range: MenuRange<UsherContext>, user: UserRecord, paused: boolean) {
    userButton(range, texts.tagsButton, open(ids.tags));
    userButton(range, texts.attributesButton, open(ids.attributes));
    userButton(range, topicTexts.cardButton, open(ids.topics));
    userButton(range, texts.notesButton, (ctx, user) => {
      ctx.match = String(user.id);
      return pages.show(ctx, notesPageId);
    }).row();
    userButton(range, texts.editButton, open(ids.edit));
    userButton(range, cardSequencesTexts.button, open(cardSequencesPageId));
    if (user.id > 0) {
      if (paused) {
        userButton(range, texts.resumeButton, async (ctx, user) => {
          resumeBot(ctx.services, actorOf(ctx), user.id);
          await refreshCard(ctx);
        });
      } else {
        userButton(range, texts.pauseButton, open(ids.pause));
      }
    }
    range.row();
    userButton(range, languageButtonLabel(user), open(cardLanguagePageId)).row();
    userButton(
      range,
      `${user.infiniteSession ? shared.admin.on : shared.admin.off} ${texts.infiniteButton}`,
      async (ctx, user) => {
        patch(ctx, user.id, { infiniteSession: !user.infiniteSession });
        await refreshCard(ctx);
      },
    );
    if (user.status === "banned") {
      userButton(range, texts.unbanButton, async (ctx, user) => {
        patch(ctx, user.id, { status: "active" });
        await refreshCard(ctx);
      });
    } else {
      userButton(range, texts.banButton, async (ctx, user) => {
        patch(ctx, user.id, { status: "banned" });
        await refreshCard(ctx);
      });
    }
    range.row();
    if (user.id > 0) {
      userButton(range, texts.photoButton, async (ctx, user) => {
        let fileId: string | null;
        try {
          fileId = await refreshUserPhoto({ ...ctx.services, api: ctx.api }, actorOf(ctx), user.id);
        } catch (error) {
          if (error instanceof UsherError) return ctx.reply(refusalReply(error));
          const failure = classifyTelegramError(error);
          if (failure.kind === "transient" || failure.kind === "rate_limited") throw error;
          return ctx.reply(fillTemplate(texts.photoFailed, { reason: failure.description }));
        }
        // Shown again: the card now has the new photo, or none.
        await showCard(pages, ctx, user.id);
        await ctx.reply(fileId === null ? texts.photoNone : texts.photoStored);
      });
    }
    userButton(range, texts.replacePhotoButton, (ctx, user) =>
      ctx.conversation.enter(cardInputs.photo, user.id),
    ).row();
    userButton(range, texts.downloadButton, async (ctx, user) => {
      const data = downloadUserData(ctx.services, actorOf(ctx), user.id);
      if (!data) return pages.show(ctx, usersPageId);
      const file = new InputFile(Buffer.from(JSON.stringify(data, null, 2)), `user-${user.id}.json`);
      await ctx.replyWithDocument(file, { caption: fillTemplate(texts.downloadCaption, { id: user.id }) });
    });
    userButton(range, texts.deleteButton, open(ids.delete)).row();
  }

  cardSubPages(pages, { subPage, userButton, showCardOf });
  addCardSequencesPage(pages, subPage, userButton);
  addCardLanguagePage(pages, subPage, userButton);
  return [...cardInputConversations(pages), ...cardNotesPage(pages, subPage, userButton)];
}
