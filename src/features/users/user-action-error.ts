/** Why an action on one user cannot be done: no such user, or an imported contact Telegram does not know. */
export type UserActionProblem = "unknown_user" | "no_telegram_id";

/** Thrown by verbs that act on one user through the bot or Telegram. */
export class UserActionError extends Error {
  override name = "UserActionError";

  constructor(
    readonly code: UserActionProblem,
    readonly userId: number,
  ) {
    super(`user ${userId}: ${code}`);
  }
}
