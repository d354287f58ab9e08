import type { Api, RawApi } from "grammy";
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
