import type { MenuRange } from "@grammyjs/menu";
import { type Context, InputFile } from "grammy";
import type { Message } from "grammy/types";
import type { UsherContext } from "../../../bot/context.js";
import type { UserRecord } from "../../../db/schema/index.js";
import { classifyTelegramError } from "../../../telegram/errors.js";
import { texts } from "../../../texts/admin-users.js";
import { texts as shared } from "../../../texts/bot.js";
import { fillTemplate } from "../../content/template.js";
import { tagPattern } from "../../gate/deeplinks/deeplink-tags.js";
import { parseSegment, type Segment, segmentErrorText } from "../../segments/segment.js";
import { beforeFirstUser } from "../../segments/segment-repository.js";
import { deleteUserData, downloadUserData, UserDataError } from "../../users/gdpr.js";
import {
  addUserNote,
  deleteUserNote,
  patchUser,
  UserFieldError,
  type UserPatch,
} from "../../users/patch-user.js";
import {
  checkedAttribute,
  checkedEmail,
  checkedGender,
  checkedName,
  checkedNote,
  checkedPhone,
  checkedTimezone,
  ProfileFieldError,
} from "../../users/profile-fields.js";
import { refreshUserPhoto } from "../../users/profile-photo.js";
import { isPaused } from "../../users/takeover/pause.js";
import { pauseBot, resumeBot } from "../../users/takeover/pause-bot.js";
import { searchLimit, searchUsers } from "../../users/user-search.js";
import { type AdminArea, actorOf, asAdmin } from "../area.js";
import { type AdminConversation, accept, ask, type Parsed, refuse } from "../ask.js";
import { formatUtcMinute } from "../audit/utc-time.js";
import { rootPageId } from "../page-ids.js";
import { listPageSize } from "../paged-list.js";
import type { AdminMenuContext, AdminPages } from "../pages.js";
import { idOf, nameOf, userCardText } from "./card-text.js";
import { usersToolsPageId } from "./import-export.js";

export const usersPageId = "admin-users";
const foundPageId = "admin-users-found";
const browsePageId = "admin-users-browse";
const cardPageId = "admin-user";
const tagsPageId = "admin-user-tags";
const attributesPageId = "admin-user-attrs";
const notesPageId = "admin-user-notes";
const editPageId = "admin-user-edit";
const pausePageId = "admin-user-pause";
const deletePageId = "admin-user-del";

const searchConversation = "admin-users-search";
const browseConversation = "admin-users-browse";
const tagConversation = "admin-user-tag";
const attributeConversation = "admin-user-attr";
const noteConversation = "admin-user-note";
const editConversation = "admin-user-edit";

const notesShown = 10;
const notePreview = 200;
const maxQueryLength = 200;
const maxSegmentLength = 1000;

type EditableField = "names" | "email" | "phone" | "timezone" | "gender";
const editableFields: readonly EditableField[] = ["names", "email", "phone", "timezone", "gender"];

/*
 * Where the menus keep their state, so they survive restarts with no table of their own:
 * - a user's pages carry the user id as the button payload (`ctx.match`);
 * - a search or browse list keeps its query or segment in its own message text (a `Query:` or
 *   `Segment:` line, re-read from the pressed message), and a browse list's buttons carry the keyset
 *   cursor (the id the page starts after), items as `<cursor>:<user id>`. Callback data stays short
 *   whatever the segment's length.
 * A list sent as a new message (after the search or browse conversation) has no pressed message yet:
 * its query waits here for that one render.
 */
const freshQuery = new WeakMap<object, string>();

const userIdPattern = /^-?\d{1,16}$/;

/** The user id a payload or conversation argument names, if it is one. */
function userIdOf(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value !== "string" || !userIdPattern.test(value)) return undefined;
  const id = Number(value);
  return Number.isSafeInteger(id) ? id : undefined;
}

/** The user a card button was pressed for, if the payload names one that exists. */
function selectedUser(ctx: UsherContext): UserRecord | undefined {
  const id = userIdOf(ctx.match);
  return id === undefined ? undefined : ctx.services.users.find(id);
}

/** The payload every button of a user's pages carries: the user id it was opened with. */
const userPayload = (ctx: UsherContext): string => {
  const id = userIdOf(ctx.match);
  return id === undefined ? "" : String(id);
};

/** The query or segment of a list: the one just asked for, or the line in the pressed message. */
function listQuery(ctx: UsherContext, prefix: string): string | undefined {
  const fresh = freshQuery.get(ctx);
  if (fresh !== undefined) return fresh;
  const lines = ctx.callbackQuery?.message?.text?.split("\n") ?? [];
  return lines.find((line) => line.startsWith(prefix))?.slice(prefix.length);
}

function segmentOf(text: string): Segment | undefined {
  const parsed = parseSegment(text === texts.everyone ? "" : text);
  return parsed.ok ? parsed.tree : undefined;
}

const browsePattern = /^(-?\d{1,17})(?::(-?\d{1,16}))?$/;

/** The cursor a browse button carries: the id its page starts after. */
function cursorOf(ctx: UsherContext): number {
  const parsed = typeof ctx.match === "string" ? browsePattern.exec(ctx.match) : null;
  const cursor = parsed ? Number(parsed[1]) : beforeFirstUser;
  return Number.isSafeInteger(cursor) && cursor >= beforeFirstUser ? cursor : beforeFirstUser;
}

function browsePage(ctx: UsherContext) {
  const segmentText = listQuery(ctx, texts.segmentLine);
  const tree = segmentText === undefined ? undefined : segmentOf(segmentText);
  if (segmentText === undefined || tree === undefined) return undefined;
  const cursor = cursorOf(ctx);
  const { segments } = ctx.services;
  const users = segments.pageOfSegment(tree, cursor, listPageSize);
  const last = users.at(-1);
  const hasNext = last !== undefined && segments.pageOfSegment(tree, last.id, 1).length > 0;
  const hasPrevious =
    cursor > beforeFirstUser && segments.pageBeforeInSegment(tree, cursor + 1, 1).length > 0;
  return { segmentText, tree, cursor, users, hasNext, hasPrevious };
}

const userLabel = (user: UserRecord) => fillTemplate(texts.userItem, { name: nameOf(user), id: user.id });

function fieldError(error: unknown): string {
  if (error instanceof ProfileFieldError || error instanceof UserFieldError)
    return texts.fieldErrors[error.code];
  throw error;
}

/** Runs a check from profile-fields on the admin's text, turning its refusal into the reason. */
function checked<T>(check: () => T): Parsed<T> {
  try {
    return accept(check());
  } catch (error) {
    return refuse(fieldError(error));
  }
}

function textOf(message: Message): Parsed<string> {
  if (message.text === undefined) return refuse(shared.admin.notText);
  if (message.text.trim() === "") return refuse(shared.admin.emptyText);
  return accept(message.text.trim());
}

/** "-" clears a field. */
const clearable = (text: string): string | null => (text === "-" ? null : text);

function parseQuery(message: Message): Parsed<string> {
  const text = textOf(message);
  if (!text.ok) return text;
  if (text.value.length > maxQueryLength || text.value.includes("\n")) return refuse(texts.searchTooLong);
  return text;
}

function parseSegmentText(message: Message): Parsed<string> {
  const text = textOf(message);
  if (!text.ok) return text;
  const normalized = text.value.replace(/\s+/g, " ");
  if (normalized.length > maxSegmentLength) return refuse(texts.segmentTooLong);
  if (normalized.toLowerCase() === texts.everyone) return accept(texts.everyone);
  const parsed = parseSegment(normalized);
  return parsed.ok ? accept(normalized) : refuse(segmentErrorText(parsed));
}

function parseTag(message: Message): Parsed<string> {
  const text = textOf(message);
  if (!text.ok) return text;
  const tag = text.value.toLowerCase();
  return tagPattern.test(tag) ? accept(tag) : refuse(texts.fieldErrors.invalid_tag);
}

function parseAttribute(message: Message): Parsed<{ key: string; value: string }> {
  const text = textOf(message);
  if (!text.ok) return text;
  const at = text.value.indexOf("=");
  if (at <= 0) return refuse(texts.attributeFormat);
  return checked(() => checkedAttribute(text.value.slice(0, at).trim(), text.value.slice(at + 1).trim()));
}

/** Changes a user through the same verb as the API: its checks, its transaction, its audit entries. */
function patch(ctx: UsherContext, userId: number, changes: UserPatch): void {
  patchUser(ctx.services, userId, changes, actorOf(ctx), ctx.services.now());
}

/** 👥 Users: search, browse a segment, and each user's card with everything admins do to one user. */
export const usersArea: AdminArea = (pages) => {
  const showCard = async (ctx: AdminMenuContext, id: number) => {
    ctx.match = String(id);
    await pages.show(ctx, cardPageId);
  };
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

  // 👥 Users
  const usersPage = pages.create(usersPageId, (ctx) =>
    [
      texts.title,
      "",
      fillTemplate(texts.summary, { count: ctx.services.segments.countSegment({ kind: "everyone" }) }),
    ].join("\n"),
  );
  usersPage
    .text(texts.searchButton, (ctx) => ctx.conversation.enter(searchConversation))
    .text(texts.browseButton, (ctx) => ctx.conversation.enter(browseConversation))
    .row();
  pages.link(usersPage, "🧰 User tools", usersToolsPageId);
  pages.back(usersPage, rootPageId);

  // 🔎 Search results
  const foundPage = pages.create(foundPageId, (ctx) => {
    const query = listQuery(ctx, texts.queryLine) ?? "";
    const found = query === "" ? [] : searchUsers(ctx.services.db, query);
    return [
      texts.searchTitle,
      `${texts.queryLine}${query}`,
      "",
      found.length === 0
        ? texts.noMatches
        : fillTemplate(texts.matches, { count: found.length, limit: searchLimit }),
    ].join("\n");
  });
  foundPage.dynamic((ctx, range) => {
    const query = listQuery(ctx, texts.queryLine) ?? "";
    for (const user of query === "" ? [] : searchUsers(ctx.services.db, query)) {
      range.text({ text: userLabel(user), payload: String(user.id) }, forUser(showCardOf)).row();
    }
  });
  foundPage.text(shared.admin.back, (ctx) => pages.show(ctx, usersPageId));

  // 📋 Browse
  const browse = pages.create(browsePageId, (ctx) => {
    const page = browsePage(ctx);
    if (!page) return texts.browseTitle;
    const count = ctx.services.segments.countSegment(page.tree);
    return [
      texts.browseTitle,
      `${texts.segmentLine}${page.segmentText}`,
      "",
      count === 0 ? texts.browseEmpty : fillTemplate(texts.browseCount, { count }),
    ].join("\n");
  });
  const showBrowse = async (ctx: AdminMenuContext, cursor: number) => {
    ctx.match = String(cursor);
    await pages.show(ctx, browsePageId);
  };
  browse.dynamic((ctx, range) => {
    const page = browsePage(ctx);
    if (!page) return;
    for (const user of page.users) {
      range.text({ text: userLabel(user), payload: `${page.cursor}:${user.id}` }, async (ctx) => {
        const id = userIdOf(browsePattern.exec(String(ctx.match))?.[2]);
        if (id === undefined || !ctx.services.users.find(id)) return showBrowse(ctx, cursorOf(ctx));
        await showCard(ctx, id);
      });
      range.row();
    }
    const payload = String(page.cursor);
    if (page.hasPrevious) {
      range.text({ text: "◀", payload }, async (ctx) => {
        const current = browsePage(ctx);
        if (!current) return pages.show(ctx, usersPageId);
        const previous = ctx.services.segments.pageBeforeInSegment(
          current.tree,
          current.cursor + 1,
          listPageSize,
        );
        await showBrowse(ctx, previous.length === 0 ? beforeFirstUser : (previous[0] as UserRecord).id - 1);
      });
    }
    if (page.hasNext) {
      range.text({ text: "▶", payload }, async (ctx) => {
        const current = browsePage(ctx);
        if (!current) return pages.show(ctx, usersPageId);
        await showBrowse(ctx, current.users.at(-1)?.id ?? current.cursor);
      });
    }
    range.row();
  });
  browse.text(shared.admin.back, (ctx) => pages.show(ctx, usersPageId));

  // The user card.
  async function showCardOf(ctx: AdminMenuContext, user: UserRecord) {
    await showCard(ctx, user.id);
  }
  const card = pages.create(cardPageId, (ctx) => {
    const user = selectedUser(ctx);
    return user ? userCardText(ctx.services, user) : texts.gone;
  });
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
    userButton(range, texts.notesButton, open(notesPageId)).row();
    userButton(range, texts.editButton, open(editPageId));
    if (user.id > 0) {
      if (paused) {
        userButton(range, texts.resumeButton, async (ctx, user) => {
          resumeBot(ctx.services, user.id, actorOf(ctx), ctx.services.now());
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
        try {
          const fileId = await refreshUserPhoto(ctx.services, ctx.api, user.id, actorOf(ctx));
          await ctx.reply(fileId === null ? texts.photoNone : texts.photoStored);
        } catch (error) {
          const failure = classifyTelegramError(error);
          if (failure.kind === "transient" || failure.kind === "rate_limited") throw error;
          await ctx.reply(fillTemplate(texts.photoFailed, { reason: failure.description }));
        }
      });
    }
    userButton(range, texts.downloadButton, async (ctx, user) => {
      const data = downloadUserData(ctx.services, user.id, actorOf(ctx), ctx.services.now());
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

  // 🗒 Notes
  const notesOf = (ctx: UsherContext, user: UserRecord) =>
    ctx.services.users.notesOf(user.id).slice(0, notesShown);
  subPage(
    notesPageId,
    (ctx, user) => {
      const notes = notesOf(ctx, user).map((note, i) =>
        fillTemplate(texts.noteLine, {
          n: i + 1,
          at: formatUtcMinute(note.createdAt),
          author: note.authorId ?? texts.card.none,
          text: note.text.length > notePreview ? `${note.text.slice(0, notePreview)}…` : note.text,
        }),
      );
      return [
        fillTemplate(texts.notesTitle, { name: nameOf(user) }),
        "",
        ...(notes.length > 0 ? notes : [texts.noNotes]),
      ].join("\n");
    },
    (range, user, ctx) => {
      notesOf(ctx, user).forEach((note, i) => {
        userButton(range, fillTemplate(texts.deleteNoteItem, { n: i + 1 }), async (ctx, user) => {
          deleteUserNote(ctx.services, user.id, note.id, actorOf(ctx), ctx.services.now());
          await pages.refresh(ctx, notesPageId);
        });
        if (i % 3 === 2) range.row();
      });
      range.row();
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
    pauseBot(ctx.services, user.id, minutes, actorOf(ctx), ctx.services.now());
    await showCard(ctx, user.id);
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
          deleteUserData(ctx.services, user.id, actorOf(ctx), ctx.services.now());
        } catch (error) {
          if (!(error instanceof UserDataError)) throw error;
          await ctx.reply(texts.deleteAdmin);
          return showCard(ctx, user.id);
        }
        await pages.show(ctx, usersPageId);
        await ctx.reply(texts.deleted);
      });
      userButton(range, texts.deleteNo, (ctx, user) => showCard(ctx, user.id));
    },
  );

  return [
    { id: searchConversation, builder: (conversation, ctx) => search(pages, conversation, ctx) },
    { id: browseConversation, builder: (conversation, ctx) => browseSegment(pages, conversation, ctx) },
    { id: tagConversation, builder: addTag },
    { id: attributeConversation, builder: setAttribute },
    { id: noteConversation, builder: addNote },
    { id: editConversation, builder: editField },
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
      addUserNote(octx.services, userId, text, actorOf(octx), octx.services.now()),
    );
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
};

async function search(pages: AdminPages, conversation: AdminConversation, ctx: Context): Promise<void> {
  const query = await ask(conversation, ctx, texts.searchPrompt, parseQuery);
  await asAdmin(conversation, async (octx) => {
    const found = searchUsers(octx.services.db, query);
    if (found.length === 1) {
      octx.match = String((found[0] as UserRecord).id);
      return pages.send(octx, cardPageId);
    }
    freshQuery.set(octx, query);
    await pages.send(octx, foundPageId);
  });
}

async function browseSegment(
  pages: AdminPages,
  conversation: AdminConversation,
  ctx: Context,
): Promise<void> {
  const segment = await ask(conversation, ctx, texts.browsePrompt, parseSegmentText);
  await asAdmin(conversation, async (octx) => {
    freshQuery.set(octx, segment);
    octx.match = String(beforeFirstUser);
    await pages.send(octx, browsePageId);
  });
}
