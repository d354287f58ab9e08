import type { Services } from "../../../bot/services.js";
import type { Actor } from "../../audit/audit-log.js";
import { UserActionError } from "../user-action-error.js";
import { isPaused, pauseFor } from "./pause.js";

/** What pausing and resuming the bot for a user needs. */
export type PauseDeps = Pick<Services, "users" | "takeover" | "audit" | "now">;

/**
 * Pauses the bot for a Telegram user, for `minutes` or until an admin resumes it (null), and audits
 * `users.pause` with the minutes as the admin card does. Returns when the pause ends. Throws
 * UserActionError for an unknown user or an imported contact (no Telegram id, no bot to pause).
 */
export function pauseBot(
  deps: PauseDeps,
  actor: Actor,
  { userId, minutes }: { userId: number; minutes: number | null },
): Date {
  const now = deps.now();
  if (!deps.users.find(userId)) throw new UserActionError("unknown_user", userId);
  const until = deps.takeover.pauseUser(
    userId,
    minutes === null ? "until resumed" : pauseFor(minutes, now),
    now,
  );
  if (until === undefined) throw new UserActionError("no_telegram_id", userId);
  deps.audit.record({ actor, action: "users.pause", after: { userId, minutes } });
  return until;
}

/**
 * Ends the bot's pause for a user at once and audits `users.resume`; returns false (and audits
 * nothing) when the user was not paused. Throws UserActionError for an unknown user.
 */
export function resumeBot(deps: PauseDeps, actor: Actor, userId: number): boolean {
  const now = deps.now();
  const user = deps.users.find(userId);
  if (!user) throw new UserActionError("unknown_user", userId);
  if (!isPaused(user.pausedUntil, now)) return false;
  deps.takeover.resumeUser(userId);
  deps.audit.record({ actor, action: "users.resume", after: { userId } });
  return true;
}
