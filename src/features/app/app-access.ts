import type { Services } from "../../bot/services.js";
import { AppAccessError } from "./app-errors.js";
import type { AppSessions } from "./app-session.js";

/**
 * The admin a session token stands for, checked again on every call: rights taken away end the
 * session at once, whatever its expiry says.
 */
export function adminOfSession(deps: Pick<Services, "admins">, sessions: AppSessions, token: string): number {
  const { userId } = sessions.read(token);
  if (!deps.admins.isAdmin(userId)) throw new AppAccessError(userId);
  return userId;
}
