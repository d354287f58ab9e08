import { Menu, type MenuRange } from "@grammyjs/menu";
import type { InlineKeyboardMarkup } from "grammy/types";
import type { UsherContext } from "../../../bot/context.js";
import { texts } from "../../../texts/admin-mailing.js";
import type { MailingRecord } from "../../mailing/mailing-repository.js";
import type { AdminMenuContext } from "../pages.js";

/** The menu of a mailing's status message; its buttons carry the mailing id as payload. */
export const controlMenuId = "admin-mailing-ctl";

export type ControlAction = "pause" | "resume" | "cancel" | "csv";

export type Controllable = Pick<MailingRecord, "id" | "status" | "startedAt">;

/** Which buttons a status message shows in each state, row by row. */
export function controlLayout(m: Controllable): ControlAction[][] {
  switch (m.status) {
    case "scheduled":
      return [["cancel"]];
    case "queued":
    case "running":
      return [["pause", "cancel"]];
    case "paused":
      return [["resume", "cancel"]];
    default:
      return m.startedAt === null ? [] : [["csv"]];
  }
}

/** The mailing id a control button carries (the payload can be forged: digits only). */
export function controlledId(match: unknown): number | null {
  return typeof match === "string" && /^\d{1,12}$/.test(match) ? Number(match) : null;
}

/** Lays the buttons of `m` out on a menu range; the live menu and `controlKeyboard` share it. */
export function addControlButtons(
  range: MenuRange<UsherContext>,
  m: Controllable,
  handler: (action: ControlAction) => (ctx: AdminMenuContext) => unknown,
): void {
  for (const [index, row] of controlLayout(m).entries()) {
    if (index > 0) range.row();
    for (const action of row)
      range.text({ text: texts.control[action], payload: String(m.id) }, handler(action));
  }
}

/** A menu that only renders: it stands in for the live one where there is no update at hand. */
class StandInMenu extends Menu<UsherContext> {
  keyboard(): ReturnType<Menu<UsherContext>["render"]> {
    // Labels and payloads are plain strings, so rendering reads nothing from the context.
    return this.render({} as UsherContext);
  }
}

/**
 * The status message's keyboard for code that has no update at hand (the engine's reporter). It
 * is rendered by a stand-in menu with the same id and layout, so presses reach the live menu.
 */
export async function controlKeyboard(m: Controllable): Promise<InlineKeyboardMarkup> {
  const menu = new StandInMenu(controlMenuId);
  addControlButtons(menu, m, () => () => undefined);
  const rows = await menu.keyboard();
  return { inline_keyboard: rows.filter((row) => row.length > 0) };
}
