import type { Db } from "../../db/client.js";
import { UsherError } from "../../errors.js";
import { type Actor, cliActor } from "../audit/audit-log.js";
import { AuditLog } from "../audit/audit-repository.js";
import type { AdminDirectory } from "./admin-directory.js";

/** Why a change of admin rights was refused. */
const adminRightsProblems = [
  "not_owner",
  "not_telegram_user",
  "is_owner",
  "already_admin",
  "not_added",
] as const;
export type AdminRightsProblem = (typeof adminRightsProblems)[number];

/** A refused change of admin rights; `code` says why. */
export class AdminRightsError extends UsherError {
  static readonly codes = adminRightsProblems;

  constructor(override readonly code: AdminRightsProblem) {
    super(code === "not_owner" ? "forbidden" : "conflict", code, `admin rights not changed: ${code}`);
  }
}

/** What the admin-rights verbs need. */
export interface AdminRightsDeps {
  db: Db;
  admins: AdminDirectory;
  now: () => Date;
}

/** `added_by` of an admin added from the command line: no Telegram user, the server's operator. */
export const operatorId = 0;

/**
 * Only owners (ADMIN_IDS) give or take admin rights, and the operator at the command line, who
 * could edit ADMIN_IDS anyway; an added admin or another system (the API) cannot.
 */
function ownerOf(deps: AdminRightsDeps, actor: Actor): number {
  if (actor.kind === "system") {
    if (actor.label === cliActor.label) return operatorId;
    throw new AdminRightsError("not_owner");
  }
  if (!deps.admins.isOwner(actor.id)) throw new AdminRightsError("not_owner");
  return actor.id;
}

/** Gives a Telegram user admin rights, audited as `admins.add`, in one transaction. */
export function addAdmin(deps: AdminRightsDeps, actor: Actor, userId: number): void {
  const ownerId = ownerOf(deps, actor);
  const now = deps.now();
  // An imported contact's surrogate id (or 0) names nobody on Telegram.
  if (!(Number.isSafeInteger(userId) && userId > 0)) throw new AdminRightsError("not_telegram_user");
  if (deps.admins.isOwner(userId)) throw new AdminRightsError("is_owner");
  deps.db.transaction(() => {
    if (!deps.admins.add(userId, ownerId, now)) throw new AdminRightsError("already_admin");
    new AuditLog(deps.db, () => now).record({ actor, action: "admins.add", after: { userId } });
  });
}

/** Takes an added admin's rights away, audited as `admins.remove`; owners stay (they live in ADMIN_IDS). */
export function removeAdmin(deps: AdminRightsDeps, actor: Actor, userId: number): void {
  ownerOf(deps, actor);
  const now = deps.now();
  if (deps.admins.isOwner(userId)) throw new AdminRightsError("is_owner");
  deps.db.transaction(() => {
    if (!deps.admins.remove(userId)) throw new AdminRightsError("not_added");
    new AuditLog(deps.db, () => now).record({ actor, action: "admins.remove", before: { userId } });
  });
}
