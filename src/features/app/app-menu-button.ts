import type { Api } from "grammy";
import type { MenuButton } from "grammy/types";
import type { Logger } from "pino";
import type { Services } from "../../bot/services.js";
import { texts } from "../../texts/bot.js";
import { inLocale } from "../../texts/locale-scope.js";
import { localeOfUser } from "../language/language.js";

type MenuButtonApi = Pick<Api, "setChatMenuButton">;
type MenuButtonServices = Pick<Services, "appUrl" | "users">;

/** The bot's menu button for an admin: the Mini App, named in their language, when there is one; else Telegram's default. */
export function adminMenuButton(services: MenuButtonServices, adminId: number): MenuButton {
  const { appUrl } = services;
  if (appUrl === undefined) return { type: "default" };
  const text = inLocale(localeOfUser(services.users.find(adminId)), () => texts.admin.appMenuButton);
  return { type: "web_app", text, web_app: { url: appUrl } };
}

/** Sets an admin's menu button in their private chat with the bot (see `adminMenuButton`). */
export function showAdminMenuButton(api: MenuButtonApi, services: MenuButtonServices, adminId: number) {
  return api.setChatMenuButton({ chat_id: adminId, menu_button: adminMenuButton(services, adminId) });
}

/** Puts Telegram's default menu button back in the chat of someone who is no longer an admin. */
export function resetMenuButton(api: MenuButtonApi, userId: number) {
  return api.setChatMenuButton({ chat_id: userId, menu_button: { type: "default" } });
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
    await showAdminMenuButton(deps.api, deps.services, adminId).catch((err: unknown) =>
      deps.logger.warn({ err, adminId }, "could not set an admin's menu button"),
    );
  }
}
