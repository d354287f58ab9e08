import type { Api, RawApi } from "grammy";
import type { Db } from "../../db/client.js";
import type { Actor } from "../audit/audit-log.js";
import type { AuditLog } from "../audit/audit-repository.js";
import { PhotoRepository } from "./photo-repository.js";
import { UserActionError } from "./user-action-error.js";
import type { UserRepository } from "./user-repository.js";

/** What the photo verbs need: the connection, the users, the audit log. */
export interface PhotoDeps {
  db: Db;
  users: UserRepository;
  audit: AuditLog;
  now: () => Date;
}

/**
 * Asks Telegram for the user's current profile photo: the file_id of its largest size, or null when
 * they have none or their privacy settings hide it.
 */
export async function currentProfilePhoto(api: Api<RawApi>, userId: number): Promise<string | null> {
  const photos = await api.getUserProfilePhotos(userId, { limit: 1 });
  return photos.photos[0]?.at(-1)?.file_id ?? null;
}

/** Refuses an unknown user and an imported contact (no Telegram id: no photo on Telegram either). */
function checkTelegramUser(users: UserRepository, userId: number): void {
  if (!users.find(userId)) throw new UserActionError("unknown_user", userId);
  if (userId <= 0) throw new UserActionError("no_telegram_id", userId);
}

/**
 * Refreshes a user's stored profile photo from Telegram (an admin's replacement gives way) and audits
 * `users.refreshPhoto`. Throws UserActionError for an unknown user or an imported contact, and the
 * Bot API's error when Telegram refuses or cannot be reached.
 */
export async function refreshUserPhoto(
  deps: PhotoDeps & { api: Api<RawApi> },
  actor: Actor,
  userId: number,
): Promise<string | null> {
  checkTelegramUser(deps.users, userId);
  const fileId = await currentProfilePhoto(deps.api, userId);
  deps.db.transaction(() => {
    new PhotoRepository(deps.db).storeRefreshed(userId, fileId);
    deps.audit.record({ actor, action: "users.refreshPhoto", after: { userId } });
  });
  return fileId;
}

/**
 * Stores a photo an admin sent (the file_id of its largest size) as the user's profile photo, kept
 * over what Telegram shows until an admin refreshes it, and audits `users.replacePhoto`. An imported
 * contact may have one too; an unknown user throws UserActionError.
 */
export function replaceUserPhoto(deps: PhotoDeps, actor: Actor, input: { userId: number; fileId: string }) {
  const { userId, fileId } = input;
  if (!deps.users.find(userId)) throw new UserActionError("unknown_user", userId);
  deps.db.transaction(() => {
    new PhotoRepository(deps.db).storeReplaced(userId, fileId, deps.now());
    deps.audit.record({ actor, action: "users.replacePhoto", after: { userId } });
  });
}
