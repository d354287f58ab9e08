import type { MenuRange } from "@grammyjs/menu";
import type { UsherContext } from "../../bot/context.js";
import { texts } from "../../texts/bot.js";
import { fillTemplate } from "../content/template.js";
import type { AdminMenuContext, AdminPages } from "./pages.js";

/** Items per page of an admin list. */
export const listPageSize = 10;

/**
 * Where an admin is in a paged list: the page, and the item opened from it, if any.
 * Every button of the list and of its detail pages carries this as its menu payload, because the
 * menu plugin re-renders the pressed page from that payload to check the press is current.
 */
export interface ListState {
  page: number;
  selection: string | null;
}

const statePattern = /^(\d{1,4})(?:\.([A-Za-z0-9_-]{1,24}))?$/;

/** Reads a payload back (`ctx.match`); anything unreadable means the first page, nothing selected. */
export function decodeListState(match: unknown): ListState {
  const parsed = typeof match === "string" ? statePattern.exec(match) : null;
  if (!parsed) return { page: 0, selection: null };
  return { page: Number(parsed[1]), selection: parsed[2] ?? null };
}

export function encodeListState(state: ListState): string {
  return state.selection === null ? String(state.page) : `${state.page}.${state.selection}`;
}

export interface ListWindow {
  page: number;
  pageCount: number;
  offset: number;
  limit: number;
}

/** The page to show of `total` items, clamped to the pages that exist (at least one, even if empty). */
export function listWindow(requestedPage: number, total: number, size = listPageSize): ListWindow {
  const pageCount = Math.max(1, Math.ceil(total / size));
  const page = Math.min(Math.max(0, requestedPage), pageCount - 1);
  return { page, pageCount, offset: page * size, limit: size };
}

/** The state a list page's own buttons carry: its page, no selection. */
export const pagePayload = (ctx: UsherContext): string =>
  encodeListState({ page: decodeListState(ctx.match).page, selection: null });

/** The state the buttons of a detail page carry: the one it was opened with. */
export const selectionPayload = (ctx: UsherContext): string => encodeListState(decodeListState(ctx.match));

/** The numeric id of the item a list or detail button was pressed for; undefined for anything else. */
export function selectedId(match: unknown): number | undefined {
  const { selection } = decodeListState(match);
  return selection !== null && /^\d{1,15}$/.test(selection) ? Number(selection) : undefined;
}

/** Shows the list page `pageId` at the page the pressed button came from (or `page`), nothing opened. */
export async function showListPage(
  pages: AdminPages,
  ctx: AdminMenuContext,
  pageId: string,
  page?: number,
): Promise<void> {
  setListState(ctx, { page: page ?? decodeListState(ctx.match).page, selection: null });
  await pages.show(ctx, pageId);
}

/** Moves the pressed menu to another page of the list; later rendering reads the new state. */
export function setListState(ctx: UsherContext, state: ListState): void {
  ctx.match = encodeListState(state);
}

/** "◀" and "▶" on their own row when the list has more than one page. */
export function addPageButtons(
  range: MenuRange<UsherContext>,
  window: ListWindow,
  redraw: (ctx: AdminMenuContext, page: number) => Promise<void>,
): void {
  if (window.pageCount <= 1) return;
  range.row();
  // The buttons carry the page they are on (the press is checked against it) and move from there.
  const payload = encodeListState({ page: window.page, selection: null });
  if (window.page > 0) {
    range.text({ text: "◀", payload }, (ctx) => redraw(ctx, decodeListState(ctx.match).page - 1));
  }
  // The counter is a label, but a press on it still says something. It answers before its first
  // wait, so ahead of the menu's automatic empty answer (which then goes nowhere).
  const where = { page: window.page + 1, pages: window.pageCount };
  range.text({ text: `${where.page} / ${where.pages}`, payload }, (ctx) =>
    ctx.answerCallbackQuery({ text: fillTemplate(texts.admin.pageOf, where) }),
  );
  if (window.page < window.pageCount - 1) {
    range.text({ text: "▶", payload }, (ctx) => redraw(ctx, decodeListState(ctx.match).page + 1));
  }
}
