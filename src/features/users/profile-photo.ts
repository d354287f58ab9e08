import type { Api, RawApi } from "grammy";
import type { Actor } from "../audit/audit-log.js";
import type { AuditLog } from "../audit/audit-repository.js";
import { UserActionError } from "./user-action-error.js";
import type { UserRepository } from "./user-repository.js";

/**
 * Asks Telegram for the user's current profile photo and stores its file_id (the largest size), or
 * null when they have none or hide it. Returns what was stored.
 */
export async function refreshProfilePhoto(
  api: Api<RawApi>,
  users: UserRepository,
  userId: number,
): Promise<string | null> {
  const photos = await api.getUserProfilePhotos(userId, { limit: 1 });
  const fileId = photos.photos[0]?.at(-1)?.file_id ?? null;
  users.setPhoto(userId, fileId);
  return fileId;
}

/**
 * Refreshes a user's stored profile photo from Telegram and audits `users.refreshPhoto` as the admin
 * card does. Throws UserActionError for an unknown user or an imported contact (no Telegram id), and
 * the Bot API's error when Telegram refuses or cannot be reached.
 */
export async function refreshUserPhoto(
  deps: { users: UserRepository; audit: AuditLog; api: Api<RawApi> },
  actor: Actor,
  userId: number,
): Promise<string | null> {
  if (!deps.users.find(userId)) throw new UserActionError("unknown_user", userId);
  if (userId <= 0) throw new UserActionError("no_telegram_id", userId);
  const fileId = await refreshProfilePhoto(deps.api, deps.users, userId);
  deps.audit.record({ actor, action: "users.refreshPhoto", after: { userId } });
  return fileId;
}
