import type { Api } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Logger } from "pino";
import { ApiError } from "./errors.js";

const known = new WeakMap<Api, Promise<UserFromGetMe>>();

/**
 * The bot as getMe describes it (for its username in links, its id in membership checks), asked
 * once per Bot API client; a failed call is not remembered, so the next request asks again.
 */
export function botIdentity(deps: { telegram: Api; logger: Logger }): Promise<UserFromGetMe> {
  let found = known.get(deps.telegram);
  if (!found) {
    found = deps.telegram.getMe().catch((error: unknown) => {
      known.delete(deps.telegram);
      deps.logger.warn({ err: error }, "getMe failed");
      throw new ApiError(503, "telegram_unavailable", "Telegram did not say who the bot is; try again");
    });
    known.set(deps.telegram, found);
  }
  return found;
}
