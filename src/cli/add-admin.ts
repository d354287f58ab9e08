import { AdminDirectory } from "../features/admins/admin-directory.js";
import { AdminRightsError, type AdminRightsProblem, addAdmin } from "../features/admins/admin-rights.js";
import { cliActor } from "../features/audit/audit-log.js";
import { type CliIo, exitCode, say } from "./io.js";
import { openStorage } from "./storage.js";

const refusals: Partial<Record<AdminRightsProblem, (id: number) => string>> = {
  is_owner: (id) => `${id} is an owner (ADMIN_IDS) already`,
  already_admin: (id) => `${id} is an admin already`,
  not_telegram_user: (id) => `${id} is not a Telegram user id`,
};

/** `usher add-admin <id>`: the menu's add-admin verb, audited as done by the command line. */
export function addAdminCommand(io: CliIo, userId: number): number {
  const { storage, database } = openStorage(io);
  const { ownerIds } = storage;
  try {
    addAdmin(
      { db: database.db, admins: new AdminDirectory(database.db, ownerIds), now: io.now },
      cliActor,
      userId,
    );
  } catch (error) {
    const refusal = error instanceof AdminRightsError ? refusals[error.code] : undefined;
    if (!refusal) throw error;
    io.stderr.write(`usher: ${refusal(userId)}\n`);
    return exitCode.failed;
  } finally {
    database.close();
  }
  say(io, `Added ${userId} as an admin (audited as admins.add by the command line).`);
  return exitCode.ok;
}
