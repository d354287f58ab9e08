import type { Context } from "grammy";
import type { UsherContext } from "../../../bot/context.js";
import { texts } from "../../../texts/admin-users.js";
import { texts as shared } from "../../../texts/bot.js";
import { fillTemplate } from "../../content/template.js";
import { addUserNote, deleteUserNote, editUserNote } from "../../users/patch-user.js";
import { checkedNote } from "../../users/profile-fields.js";
import type { UserRecord } from "../../users/user-repository.js";
import { type AdminConversationEntry, actorOf, asAdmin } from "../area.js";
import { type AdminConversation, ask } from "../ask.js";
import { formatUtcMinute } from "../audit/utc-time.js";
import { listWindow } from "../paged-list.js";
import type { AdminMenuContext, AdminPages } from "../pages.js";
import {
  changeUser,
  notesPageOf,
  type SubPage,
  sendCard,
  type UserButton,
  userIdOf,
} from "./card-navigation.js";
import { nameOf } from "./card-text.js";
import { checked, textOf } from "./user-input.js";

export const notesPageId = "admin-user-notes";
const noteConversation = "admin-user-note";
const editNoteConversation = "admin-user-note-edit";

const notesShown = 10;
const notePreview = 200;

/**
 * The card's 🗒 Notes: newest first, `notesShown` a page, every button carrying the page it is on;
 * adding, editing and deleting a note. Returns the notes' inputs.
 */
export function cardNotesPage(
  pages: AdminPages,
  subPage: SubPage,
  userButton: UserButton,
): AdminConversationEntry[] {
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

  async function addNote(conversation: AdminConversation, ctx: Context, arg?: unknown): Promise<void> {
    const userId = userIdOf(arg);
    if (userId === undefined) return;
    const text = await ask(conversation, ctx, texts.notePrompt, (message) => {
      const parsed = textOf(message);
      return parsed.ok ? checked(() => checkedNote(parsed.value)) : parsed;
    });
    await changeUser(pages, conversation, userId, (octx) =>
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
      await sendCard(pages, octx, userId);
    });
  }

  return [
    { id: noteConversation, builder: addNote },
    { id: editNoteConversation, builder: editNote },
  ];
}
