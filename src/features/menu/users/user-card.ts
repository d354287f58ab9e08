import type { MenuRange } from "@grammyjs/menu";
import { type Context, InputFile } from "grammy";
import type { UsherContext } from "../../../bot/context.js";
import { UsherError } from "../../../errors.js";
import { classifyTelegramError } from "../../../telegram/errors.js";
import { cardTexts as cardSequencesTexts } from "../../../texts/admin-sequences.js";
import { texts as topicTexts } from "../../../texts/admin-topics.js";
import { texts } from "../../../texts/admin-users.js";
import { texts as shared } from "../../../texts/bot.js";
import { fillTemplate } from "../../content/template.js";
import { subscribeUser, unsubscribeUser } from "../../topics/subscriptions.js";
import { deleteUserData, downloadUserData } from "../../users/gdpr.js";
import {
  addUserNote,
  deleteUserNote,
  editUserNote,
  patchUser,
  type UserPatch,
} from "../../users/patch-user.js";
import {
  checkedEmail,
  checkedGender,
  checkedName,
  checkedNote,
  checkedPhone,
  checkedTimezone,
} from "../../users/profile-fields.js";
import { refreshUserPhoto, replaceUserPhoto } from "../../users/profile-photo.js";
import { isPaused } from "../../users/takeover/pause.js";
import { pauseBot, resumeBot } from "../../users/takeover/pause-bot.js";
import type { UserRecord } from "../../users/user-repository.js";
import { type AdminConversationBuilder, actorOf, asAdmin } from "../area.js";
import { type AdminConversation, ask } from "../ask.js";
import { formatUtcMinute } from "../audit/utc-time.js";
import { usersPageId } from "../page-ids.js";
import { listWindow } from "../paged-list.js";
import type { AdminMenuContext, AdminPages } from "../pages.js";
import { refusalReply } from "../refusal-replies.js";
import { addCardSequencesPage, cardSequencesPageId } from "./card-sequences.js";
import { idOf, nameOf, userCardText } from "./card-text.js";
import {
  checked,
  clearable,
  fieldError,
  parseAttribute,
  parsePhoto,
  parseTag,
  textOf,
} from "./user-input.js";
import { userTopicsText } from "./user-topics-text.js";

export const cardPageId = "admin-user";
const tagsPageId = "admin-user-tags";
const attributesPageId = "admin-user-attrs";
const notesPageId = "admin-user-notes";
const topicsPageId = "admin-user-topics";
const editPageId = "admin-user-edit";
const pausePageId = "admin-user-pause";
const deletePageId = "admin-user-del";

const tagConversation = "admin-user-tag";
const attributeConversation = "admin-user-attr";
const noteConversation = "admin-user-note";
const editConversation = "admin-user-edit";
const editNoteConversation = "admin-user-note-edit";
const photoConversation = "admin-user-photo";

const notesShown = 10;
const notePreview = 200;

type EditableField = "names" | "email" | "phone" | "timezone" | "gender";
const editableFields: readonly EditableField[] = ["names", "email", "phone", "timezone", "gender"];

const userIdPattern = /^-?\d{1,16}$/;

/** The user id a payload or conversation argument names, if it is one. */
export function userIdOf(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value !== "string" || !userIdPattern.test(value)) return undefined;
  const id = Number(value);
  return Number.isSafeInteger(id) ? id : undefined;
}

/** A card payload: the user id, and on the notes page `.<page>` of the notes shown. */
const payloadPattern = /^(-?\d{1,16})(?:\.(\d{1,4}))?$/;

/** The user a card button was pressed for, if the payload names one that exists. */
function selectedUser(ctx: UsherContext): UserRecord | undefined {
  const id = userIdOf(payloadPattern.exec(String(ctx.match))?.[1]);
  return id === undefined ? undefined : ctx.services.users.find(id);
}

/** The page of notes a payload asks for (0 without one). */
const notesPageOf = (ctx: UsherContext): number => Number(payloadPattern.exec(String(ctx.match))?.[2] ?? 0);

/** The payload every button of a user's pages carries: the user id (and notes page) it was opened with. */
const userPayload = (ctx: UsherContext): string => {
  const match = payloadPattern.exec(String(ctx.match));
  return match && userIdOf(match[1]) !== undefined ? match[0] : "";
};

/** Changes a user through the same verb as the API: its checks, its transaction, its audit entries. */
function patch(ctx: UsherContext, userId: number, changes: UserPatch): void {
  patchUser(ctx.services, actorOf(ctx), { userId, patch: changes });
}

/** Opens a user's card in place of the pressed menu. */
export async function showCard(pages: AdminPages, ctx: AdminMenuContext, id: number): Promise<void> {
  ctx.match = String(id);
  await pages.show(ctx, cardPageId);
}

/** The user card and its pages (tags, attributes, notes, edit, pause, delete), with their inputs. */
export function userCardPages(pages: AdminPages): Array<{ id: string; builder: AdminConversationBuilder }> {
  /** Runs a card action for the selected user; a forged or stale id goes back to the users page. */
  const forUser =
    (action: (ctx: AdminMenuContext, user: UserRecord) => unknown) => async (ctx: AdminMenuContext) => {
      const user = selectedUser(ctx);
      if (!user) return pages.show(ctx, usersPageId);
      await action(ctx, user);
    };
  const userButton = (
    range: MenuRange<UsherContext>,
    label: string,
    action: (ctx: AdminMenuContext, user: UserRecord) => unknown,
  ) => range.text({ text: label, payload: userPayload }, forUser(action));

  // The user card.
  const showCardOf = (ctx: AdminMenuContext, user: UserRecord) => showCard(pages, ctx, user.id);
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
    userButton(range, texts.tagsButton, open(tagsPageId));
    userButton(range, texts.attributesButton, open(attributesPageId));
    userButton(range, topicTexts.cardButton, open(topicsPageId));
    userButton(range, texts.notesButton, (ctx, user) => {
      ctx.match = String(user.id);
      return pages.show(ctx, notesPageId);
    }).row();
    userButton(range, texts.editButton, open(editPageId));
    userButton(range, cardSequencesTexts.button, open(cardSequencesPageId));
    if (user.id > 0) {
      if (paused) {
        userButton(range, texts.resumeButton, async (ctx, user) => {
          resumeBot(ctx.services, actorOf(ctx), user.id);
          await refreshCard(ctx);
        });
      } else {
        userButton(range, texts.pauseButton, open(pausePageId));
      }
    }
    range.row();
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
      ctx.conversation.enter(photoConversation, user.id),
    ).row();
    userButton(range, texts.downloadButton, async (ctx, user) => {
      const data = downloadUserData(ctx.services, actorOf(ctx), user.id);
      if (!data) return pages.show(ctx, usersPageId);
      const file = new InputFile(Buffer.from(JSON.stringify(data, null, 2)), `user-${user.id}.json`);
      await ctx.replyWithDocument(file, { caption: fillTemplate(texts.downloadCaption, { id: user.id }) });
    });
    userButton(range, texts.deleteButton, open(deletePageId)).row();
  }

  /** A sub-page of the card: its title names the user; it ends with ⬅ Back to the card. */
  const subPage = (
    id: string,
    text: (ctx: UsherContext, user: UserRecord) => string,
    buttons: (range: MenuRange<UsherContext>, user: UserRecord, ctx: UsherContext) => void,
  ) => {
    const page = pages.create(id, (ctx) => {
      const user = selectedUser(ctx);
      return user ? text(ctx, user) : texts.gone;
    });
    page.dynamic((ctx, range) => {
      const user = selectedUser(ctx);
      if (user) buttons(range, user, ctx);
      range.row().text({ text: shared.admin.back, payload: userPayload }, forUser(showCardOf));
    });
  };

  // 🔖 Topics: every topic as a switch; an admin's change is audited with source admin.
  subPage(
    topicsPageId,
    (ctx, user) => userTopicsText(ctx.services, user),
    (range, user, ctx) => {
      const mine = ctx.services.topics.topicIdsOf(user.id);
      for (const topic of ctx.services.topics.list()) {
        const subscribed = mine.has(topic.id);
        const label = `${subscribed ? "✅" : "▫️"} ${topic.name}`;
        userButton(range, label, async (ctx, user) => {
          const change = subscribed ? unsubscribeUser : subscribeUser;
          change(ctx.services, actorOf(ctx), { userId: user.id, topic: { id: topic.id }, source: "admin" });
          await pages.refresh(ctx, topicsPageId);
        }).row();
      }
    },
  );
  addCardSequencesPage(pages, subPage, userButton);

  // 🏷 Tags
  subPage(
    tagsPageId,
    (ctx, user) => {
      const tags = ctx.services.users.tagsOf(user.id);
      return [
        fillTemplate(texts.tagsTitle, { name: nameOf(user) }),
        "",
        tags.length > 0 ? tags.join(", ") : texts.noTags,
      ].join("\n");
    },
    (range, user, ctx) => {
      for (const tag of ctx.services.users.tagsOf(user.id)) {
        userButton(range, fillTemplate(texts.removeItem, { item: tag }), async (ctx, user) => {
          patch(ctx, user.id, { tags: { remove: [tag] } });
          await pages.refresh(ctx, tagsPageId);
        }).row();
      }
      userButton(range, texts.addTagButton, (ctx, user) => ctx.conversation.enter(tagConversation, user.id));
    },
  );

  // 🔑 Attributes
  subPage(
    attributesPageId,
    (ctx, user) => {
      const attributes = ctx.services.users.attributesOf(user.id);
      const lines = attributes.map(
        (a) => `${a.key}=${a.value.length > 100 ? `${a.value.slice(0, 100)}…` : a.value}`,
      );
      return [
        fillTemplate(texts.attributesTitle, { name: nameOf(user) }),
        "",
        ...(lines.length > 0 ? lines : [texts.noAttributes]),
      ].join("\n");
    },
    (range, user, ctx) => {
      for (const { key } of ctx.services.users.attributesOf(user.id)) {
        userButton(range, fillTemplate(texts.removeItem, { item: key }), async (ctx, user) => {
          patch(ctx, user.id, { attributes: { unset: [key] } });
          await pages.refresh(ctx, attributesPageId);
        }).row();
      }
      userButton(range, texts.setAttributeButton, (ctx, user) =>
        ctx.conversation.enter(attributeConversation, user.id),
      );
    },
  );

  // 🗒 Notes, newest first, `notesShown` a page; every button carries the page it is on.
  const notesWindow = (ctx: UsherContext, user: UserRecord) => {
    const all = ctx.services.users.notesOf(user.id);
    const window = listWindow(notesPageOf(ctx), all.length, notesShown);
    return { ...window, notes: all.slice(window.offset, window.offset + window.limit) };
  };
  const notesOf = (ctx: UsherContext, user: UserRecord) => notesWindow(ctx, user).notes;
  const turnNotesPage = (ctx: AdminMenuContext, user: UserRecord, by: -1 | 1) => {
    const { page, pageCount } = notesWindow(ctx, user);
    const to = page + by;
    // Answered before any wait, ahead of the menu's automatic empty answer.
    if (to < 0) return ctx.answerCallbackQuery({ text: texts.notesAtFirstPage });
    if (to >= pageCount) return ctx.answerCallbackQuery({ text: texts.notesAtLastPage });
    ctx.match = `${user.id}.${to}`;
    return pages.refresh(ctx, notesPageId);
  };
  subPage(
    notesPageId,
    (ctx, user) => {
      const { offset, page, pageCount } = notesWindow(ctx, user);
      const notes = notesOf(ctx, user).map((note, i) =>
        fillTemplate(texts.noteLine, {
          n: offset + i + 1,
          at: formatUtcMinute(note.createdAt),
          author: note.authorId ?? texts.card.none,
          text: note.text.length > notePreview ? `${note.text.slice(0, notePreview)}…` : note.text,
        }),
      );
      return [
        fillTemplate(texts.notesTitle, { name: nameOf(user) }),
        ...(pageCount > 1 ? [fillTemplate(texts.notesPage, { page: page + 1, pages: pageCount })] : []),
        "",
        ...(notes.length > 0 ? notes : [texts.noNotes]),
      ].join("\n");
    },
    (range, user, ctx) => {
      const { offset, pageCount } = notesWindow(ctx, user);
      notesOf(ctx, user).forEach((note, i) => {
        userButton(range, fillTemplate(texts.editNoteItem, { n: offset + i + 1 }), (ctx, user) =>
          ctx.conversation.enter(editNoteConversation, user.id, note.id),
        );
        userButton(range, fillTemplate(texts.deleteNoteItem, { n: offset + i + 1 }), async (ctx, user) => {
          deleteUserNote(ctx.services, actorOf(ctx), { userId: user.id, noteId: note.id });
          await pages.refresh(ctx, notesPageId);
        });
        range.row();
      });
      range.row();
      if (pageCount > 1) {
        userButton(range, "◀", (ctx, user) => turnNotesPage(ctx, user, -1));
        userButton(range, "▶", (ctx, user) => turnNotesPage(ctx, user, 1));
        range.row();
      }
      userButton(range, texts.addNoteButton, (ctx, user) =>
        ctx.conversation.enter(noteConversation, user.id),
      );
    },
  );

  // ✏️ Edit
  const fieldLabels: Record<EditableField, string> = {
    names: texts.editNamesButton,
    email: texts.editEmailButton,
    phone: texts.editPhoneButton,
    timezone: texts.editTimezoneButton,
    gender: texts.editGenderButton,
  };
  subPage(
    editPageId,
    (_ctx, user) => fillTemplate(texts.editTitle, { name: nameOf(user) }),
    (range) => {
      editableFields.forEach((field, i) => {
        userButton(range, fieldLabels[field], (ctx, user) =>
          ctx.conversation.enter(editConversation, user.id, field),
        );
        if (i % 3 === 2) range.row();
      });
    },
  );

  // ⏸ Pause
  const pause = async (ctx: AdminMenuContext, user: UserRecord, minutes: number | null) => {
    pauseBot(ctx.services, actorOf(ctx), { userId: user.id, minutes });
    await showCard(pages, ctx, user.id);
  };
  subPage(
    pausePageId,
    (_ctx, user) => fillTemplate(texts.pauseTitle, { name: nameOf(user) }),
    (range, user, ctx) => {
      if (user.id <= 0) return;
      const minutes = ctx.services.settings.get("users").pauseMinutes;
      userButton(range, fillTemplate(texts.pauseMinutes, { minutes }), (ctx, user) =>
        pause(ctx, user, ctx.services.settings.get("users").pauseMinutes),
      );
      userButton(range, texts.pauseForever, (ctx, user) => pause(ctx, user, null));
    },
  );

  // 🗑 Delete
  subPage(
    deletePageId,
    (_ctx, user) => fillTemplate(texts.deleteConfirm, { name: nameOf(user), id: idOf(user) }),
    (range) => {
      userButton(range, texts.deleteYes, async (ctx, user) => {
        try {
          deleteUserData(ctx.services, actorOf(ctx), user.id);
        } catch (error) {
          if (!(error instanceof UsherError)) throw error;
          await ctx.reply(refusalReply(error));
          return showCard(pages, ctx, user.id);
        }
        await pages.show(ctx, usersPageId);
        await ctx.reply(texts.deleted);
      });
      userButton(range, texts.deleteNo, (ctx, user) => showCardOf(ctx, user));
    },
  );

  return [
    { id: tagConversation, builder: addTag },
    { id: attributeConversation, builder: setAttribute },
    { id: noteConversation, builder: addNote },
    { id: editNoteConversation, builder: editNote },
    { id: editConversation, builder: editField },
    { id: photoConversation, builder: replacePhoto },
  ];

  /** Sends the card of `userId` as a new message, or the users page when the user is gone. */
  async function sendCard(ctx: UsherContext, userId: number): Promise<void> {
    if (!ctx.services.users.find(userId)) {
      await ctx.reply(texts.gone);
      return pages.send(ctx, usersPageId);
    }
    ctx.match = String(userId);
    await pages.send(ctx, cardPageId);
  }

  /** Runs a change to an existing user from a conversation, then shows their card again. */
  async function changeUser(
    conversation: AdminConversation,
    userId: number,
    change: (ctx: UsherContext) => unknown,
  ): Promise<void> {
    await asAdmin(conversation, async (octx) => {
      if (octx.services.users.find(userId)) {
        try {
          await change(octx);
          await octx.reply(shared.admin.saved);
        } catch (error) {
          await octx.reply(fieldError(error));
        }
      }
      await sendCard(octx, userId);
    });
  }

  async function addTag(conversation: AdminConversation, ctx: Context, arg?: unknown): Promise<void> {
    const userId = userIdOf(arg);
    if (userId === undefined) return;
    const tag = await ask(conversation, ctx, texts.tagPrompt, parseTag);
    await changeUser(conversation, userId, (octx) => patch(octx, userId, { tags: { add: [tag] } }));
  }

  async function replacePhoto(conversation: AdminConversation, ctx: Context, arg?: unknown): Promise<void> {
    const userId = userIdOf(arg);
    if (userId === undefined) return;
    const fileId = await ask(conversation, ctx, texts.replacePhotoPrompt, parsePhoto);
    await changeUser(conversation, userId, (octx) =>
      replaceUserPhoto(octx.services, actorOf(octx), { userId, fileId }),
    );
  }

  async function setAttribute(conversation: AdminConversation, ctx: Context, arg?: unknown): Promise<void> {
    const userId = userIdOf(arg);
    if (userId === undefined) return;
    const { key, value } = await ask(conversation, ctx, texts.attributePrompt, parseAttribute);
    await changeUser(conversation, userId, (octx) =>
      patch(octx, userId, { attributes: { set: { [key]: value } } }),
    );
  }

  async function addNote(conversation: AdminConversation, ctx: Context, arg?: unknown): Promise<void> {
    const userId = userIdOf(arg);
    if (userId === undefined) return;
    const text = await ask(conversation, ctx, texts.notePrompt, (message) => {
      const parsed = textOf(message);
      return parsed.ok ? checked(() => checkedNote(parsed.value)) : parsed;
    });
    await changeUser(conversation, userId, (octx) =>
      addUserNote(octx.services, actorOf(octx), { userId, text }),
    );
  }

  async function editNote(conversation: AdminConversation, ctx: Context, arg?: unknown, noteArg?: unknown) {
    const userId = userIdOf(arg);
    const noteId = userIdOf(noteArg);
    if (userId === undefined || noteId === undefined) return;
    const text = await ask(conversation, ctx, texts.editNotePrompt, (message) => {
      const parsed = textOf(message);
      return parsed.ok ? checked(() => checkedNote(parsed.value)) : parsed;
    });
    await asAdmin(conversation, async (octx) => {
      if (octx.services.users.find(userId)) {
        const note = editUserNote(octx.services, actorOf(octx), { userId, noteId, text });
        await octx.reply(note ? shared.admin.saved : texts.noteGone);
      }
      await sendCard(octx, userId);
    });
  }

  async function editField(
    conversation: AdminConversation,
    ctx: Context,
    arg?: unknown,
    which?: unknown,
  ): Promise<void> {
    const userId = userIdOf(arg);
    const field = editableFields.find((f) => f === which);
    if (userId === undefined || field === undefined) return;
    const askField = <T>(prompt: string, check: (value: string | null) => T) =>
      ask(conversation, ctx, `${prompt}\n${texts.clearHint}`, (message) => {
        const parsed = textOf(message);
        return parsed.ok ? checked(() => check(clearable(parsed.value))) : parsed;
      });
    if (field === "names") {
      const first = await askField(texts.firstNamePrompt, checkedName);
      const last = await askField(texts.lastNamePrompt, checkedName);
      return changeUser(conversation, userId, (octx) =>
        patch(octx, userId, { firstName: first, lastName: last }),
      );
    }
    const prompts = {
      email: { prompt: texts.emailPrompt, check: checkedEmail },
      phone: { prompt: texts.phonePrompt, check: checkedPhone },
      timezone: { prompt: texts.timezonePrompt, check: checkedTimezone },
      gender: { prompt: texts.genderPrompt, check: checkedGender },
    } as const;
    const { prompt, check } = prompts[field];
    const value = await askField(prompt, check);
    await changeUser(conversation, userId, (octx) => patch(octx, userId, { [field]: value }));
  }
}
