import { UsherError } from "../../errors.js";

const appAuthProblems = [
  "invalid_init_data",
  "expired_init_data",
  "invalid_session",
  "expired_session",
  "invalid_download",
  "expired_download",
] as const;

/** Who is calling cannot be told: `initData` Telegram did not sign (or signed too long ago), a session or download link the server did not issue or that ran out. */
export class AppAuthError extends UsherError.of("unauthorized", appAuthProblems) {}

/** Someone Telegram vouches for who is not (or no longer) an admin of this bot. */
export class AppAccessError extends UsherError.of("forbidden", ["not_admin"]) {
  constructor(userId: number) {
    super("not_admin", `User ${userId} is not an admin of this bot`);
  }
}
