import type { Services } from "../../bot/services.js";
import { UsherError } from "../../errors.js";
import type { AppSessions } from "./app-session.js";

/** Someone Telegram vouches for who is not (or no longer) an admin of this bot. */
export class AppAccessError extends UsherError {
  override name = "AppAccessError";
  static readonly codes = ["not_admin"] as const;

  constructor(userId: number) {
    super("forbidden", "not_admin", `User ${userId} is not an admin of this bot`);
  }
}

/**
 * The admin a session token stands for, checked again on every call: rights taken away end the
 * session at once, whatever its expiry says.
 */
export function adminOfSession(deps: Pick<Services, "admins">, sessions: AppSessions, token: string): number {
  const { userId } = sessions.read(token);
  if (!deps.admins.isAdmin(userId)) throw new AppAccessError(userId);
  return userId;
}
