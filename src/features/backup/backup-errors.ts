/** Why a backup or a restore was refused or failed. */
export type BackupProblem =
  | "no_database"
  | "not_usher_database"
  | "damaged"
  | "newer_schema"
  | "bot_running"
  | "same_file"
  | "not_sqlite";

/**
 * A refused or failed backup or restore; the message says what to do. Only the command line meets
 * it (never the bot or the API), so like ConfigError it stands apart from the verbs' UsherError.
 */
export class BackupError extends Error {
  override name = "BackupError";

  constructor(
    readonly code: BackupProblem,
    message: string,
  ) {
    super(message);
  }
}
