import type { MenuRange } from "@grammyjs/menu";
import type { UsherContext } from "../../../bot/context.js";
import { texts } from "../../../texts/admin-users.js";
import { texts as shared } from "../../../texts/bot.js";
import { patchUser, type UserPatch } from "../../users/patch-user.js";
import type { UserRecord } from "../../users/user-repository.js";
import { actorOf, asAdmin } from "../area.js";
import type { AdminConversation } from "../ask.js";
import { usersPageId } from "../page-ids.js";
import type { AdminMenuContext, AdminPages } from "../pages.js";
import { fieldError } from "./user-input.js";

export const cardPageId = "admin-user";

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
export function selectedUser(ctx: UsherContext): UserRecord | undefined {
  const id = userIdOf(payloadPattern.exec(String(ctx.match))?.[1]);
  return id === undefined ? undefined : ctx.services.users.find(id);
}

/** The page of notes a payload asks for (0 without one). */
export const notesPageOf = (ctx: UsherContext): number =>
  Number(payloadPattern.exec(String(ctx.match))?.[2] ?? 0);

/** The payload every button of a user's pages carries: the user id (and notes page) it was opened with. */
export const userPayload = (ctx: UsherContext): string => {
  const match = payloadPattern.exec(String(ctx.match));
  return match && userIdOf(match[1]) !== undefined ? match[0] : "";
};

/** Changes a user through the same verb as the API: its checks, its transaction, its audit entries. */
export function patch(ctx: UsherContext, userId: number, changes: UserPatch): void {
  patchUser(ctx.services, actorOf(ctx), { userId, patch: changes });
}

/** Opens a user's card in place of the pressed menu. */
export async function showCard(pages: AdminPages, ctx: AdminMenuContext, id: number): Promise<void> {
  ctx.match = String(id);
  await pages.show(ctx, cardPageId);
}

/** A button of a user's pages: runs `action` for the user its payload names. */
export type UserButton = (
  range: MenuRange<UsherContext>,
  label: string,
  action: (ctx: AdminMenuContext, user: UserRecord) => unknown,
) => MenuRange<UsherContext>;

/** Adds a sub-page of the card: its text and buttons for the selected user, then ⬅ Back to the card. */
export type SubPage = (
  id: string,
  text: (ctx: UsherContext, user: UserRecord) => string,
  buttons: (range: MenuRange<UsherContext>, user: UserRecord, ctx: UsherContext) => void,
) => void;

/** The building blocks of the card's pages, bound to one bot's pages. */
export function cardParts(pages: AdminPages) {
  /** Runs a card action for the selected user; a forged or stale id goes back to the users page. */
  const forUser =
    (action: (ctx: AdminMenuContext, user: UserRecord) => unknown) => async (ctx: AdminMenuContext) => {
      const user = selectedUser(ctx);
      if (!user) return pages.show(ctx, usersPageId);
      await action(ctx, user);
    };
  const userButton: UserButton = (range, label, action) =>
    range.text({ text: label, payload: userPayload }, forUser(action));
  const showCardOf = (ctx: AdminMenuContext, user: UserRecord) => showCard(pages, ctx, user.id);

  /** A sub-page of the card: its title names the user; it ends with ⬅ Back to the card. */
  const subPage: SubPage = (id, text, buttons) => {
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

  return { forUser, userButton, showCardOf, subPage };
}

/** Sends the card of `userId` as a new message, or the users page when the user is gone. */
export async function sendCard(pages: AdminPages, ctx: UsherContext, userId: number): Promise<void> {
  if (!ctx.services.users.find(userId)) {
    await ctx.reply(texts.gone);
    return pages.send(ctx, usersPageId);
  }
  ctx.match = String(userId);
  await pages.send(ctx, cardPageId);
}

/** Runs a change to an existing user from a conversation, then shows their card again. */
export async function changeUser(
  pages: AdminPages,
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
    await sendCard(pages, octx, userId);
  });
}
