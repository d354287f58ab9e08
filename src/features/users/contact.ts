import type { Contact } from "grammy/types";
import type { Db } from "../../db/client.js";
import { ContactRepository } from "./contact-repository.js";
import { findImportedByPhone, mergeImportedContact } from "./merge.js";
import { normalizePhone } from "./profile-fields.js";

/**
 * The sender's own phone from a shared contact, normalised to `+digits`; null for someone else's
 * contact (Telegram sets `user_id` only to the account the contact belongs to) or a number that does not parse.
 */
export function ownContactPhone(contact: Contact, senderId: number): string | null {
  if (contact.user_id !== senderId) return null;
  return normalizePhone(contact.phone_number);
}

/**
 * Stores the phone a user shared from their own account as verified and, since Telegram vouches
 * for it, merges every imported contact with that phone into them, in one transaction. Returns the
 * merged ids.
 */
export function saveSharedPhone(
  deps: { db: Db },
  { userId, phone }: { userId: number; phone: string },
): number[] {
  const { db } = deps;
  // One connection: the statements below run inside this transaction (merges nest as savepoints).
  return db.transaction(() => {
    new ContactRepository(db).setSharedPhone(userId, phone);
    return findImportedByPhone(db, phone).map((imported) => {
      mergeImportedContact(deps, { fromId: imported.id, intoId: userId });
      return imported.id;
    });
  });
}
