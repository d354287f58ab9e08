import { UsherError } from "../../errors.js";

/** Why an action on one user cannot be done. */
export type UserActionProblem = "unknown_user" | "no_telegram_id";

/** Thrown by verbs that act on one user through the bot or Telegram. */
export class UserActionError extends UsherError {
  static readonly codes = ["not_found", "no_telegram_id"] as const;

  constructor(
    readonly problem: UserActionProblem,
    readonly userId: number,
  ) {
    super(
      problem === "unknown_user" ? "not_found" : "cannot",
      (problem === "unknown_user" ? "not_found" : problem) satisfies (typeof UserActionError.codes)[number],
      problem === "unknown_user"
        ? `User ${userId} was not found`
        : `User ${userId} is an imported contact without a Telegram id: Telegram does not know them`,
    );
  }
}
