import type { Api } from "grammy";
import type { MenuButton } from "grammy/types";
import type { Logger } from "pino";
import type { Services } from "../../bot/services.js";
import { texts } from "../../texts/bot.js";
import { inLocale } from "../../texts/locale-scope.js";
import { localeOfUser } from "../language/language.js";

type MenuButtonApi = Pick<Api, "setChatMenuButton">;
type MenuButtonServices = Pick<Services, "appUrl" | "users" | "menuButtons">;

/**
 * The menu button this process last set in each chat (its text, "" for Telegram's default), so a
 * button is set again only when it would change: an admin added by the CLI or another instance, or
 * one who switched language, gets theirs at their next update.
 */
export type MenuButtonsShown = Map<number, string>;

const textOf = (button: MenuButton): string => ("text" in button ? button.text : "");

/** The bot's menu button for an admin: the Mini App, named in their language, when there is one; else Telegram's default. */
export function adminMenuButton(services: MenuButtonServices, adminId: number): MenuButton {
  const { appUrl } = services;
  if (appUrl === undefined) return { type: "default" };
  const text = inLocale(localeOfUser(services.users.find(adminId)), () => texts.admin.appMenuButton);
  return { type: "web_app", text, web_app: { url: appUrl } };
}

/** Sets an admin's menu button in their private chat with the bot (see `adminMenuButton`). */
export async function showAdminMenuButton(api: MenuButtonApi, services: MenuButtonServices, adminId: number) {
  const button = adminMenuButton(services, adminId);
  await api.setChatMenuButton({ chat_id: adminId, menu_button: button });
  services.menuButtons.set(adminId, textOf(button));
}

/** Puts Telegram's default menu button back in the chat of someone who is no longer an admin. */
export async function resetMenuButton(api: MenuButtonApi, services: MenuButtonServices, userId: number) {
  await api.setChatMenuButton({ chat_id: userId, menu_button: { type: "default" } });
  services.menuButtons.set(userId, "");
}

/**
 * Sets an admin's menu button unless this process already set the same one. A refusal is thrown
 * (the caller logs it) and forgotten, so the admin's next update tries again.
 */
export async function ensureAdminMenuButton(
  api: MenuButtonApi,
  services: MenuButtonServices,
  adminId: number,
): Promise<void> {
  const wanted = textOf(adminMenuButton(services, adminId));
  if (services.menuButtons.get(adminId) === wanted) return;
  // Taken before the call, so the admin's next updates in flight do not set it again meanwhile.
  services.menuButtons.set(adminId, wanted);
  try {
    await showAdminMenuButton(api, services, adminId);
  } catch (err) {
    services.menuButtons.delete(adminId);
    throw err;
  }
}

/**
 * At start-up, every admin's menu button as this configuration has it (the Mini App, or the
 * default once PUBLIC_URL is no longer https), one call at a time through the bot's budget. Telegram
 * refuses a chat the admin never opened: that is logged, and the rest carry on.
 */
export async function syncAdminMenuButtons(deps: {
  api: MenuButtonApi;
  services: MenuButtonServices & Pick<Services, "admins">;
  logger: Logger;
}): Promise<void> {
  for (const adminId of deps.services.admins.adminIds()) {
    await ensureAdminMenuButton(deps.api, deps.services, adminId).catch((err: unknown) =>
      deps.logger.warn({ err, adminId }, "could not set an admin's menu button"),
    );
  }
}
