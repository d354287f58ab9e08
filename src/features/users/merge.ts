import type { Db } from "../../db/client.js";
import { UsherError } from "../../errors.js";
import { ContactRepository, type MergedProfile } from "./contact-repository.js";
import { visibleName } from "./display-name.js";
import { normalizeEmail, normalizePhone } from "./profile-fields.js";
import type { UserRecord } from "./user-repository.js";

const mergeProblems = ["not_imported", "not_telegram_user"] as const;
export type MergeProblem = (typeof mergeProblems)[number];

/** A merge refused: `from` must be an imported contact (id < 0), `into` a Telegram user (id > 0), both stored. */
export class MergeError extends UsherError.of("conflict", mergeProblems) {
  constructor(
    code: MergeProblem,
    readonly userId: number,
  ) {
    super(code, `${code}: user ${userId}`);
  }
}

/** How much of the imported record found a place in the Telegram user's (the rest they already had). */
export interface MergeSummary {
  tags: number;
  attributes: number;
  notes: number;
}

const later = (a: Date | null, b: Date | null) => (a === null || (b !== null && b > a) ? b : a);

/**
 * Merges an imported contact into the Telegram user who turned out to be the same person, then
 * hard-deletes the imported record, in one transaction. The Telegram user's own values win: tags and
 * notes are added, attributes only where the key is new, email/phone/names/time zone/gender only
 * where they have none; activity counters are summed and the later last message is kept.
 */
export function mergeImportedContact(
  deps: { db: Db },
  { fromId, intoId }: { fromId: number; intoId: number },
): MergeSummary {
  const { db } = deps;
  const contacts = new ContactRepository(db);
  // One connection: the repository's statements run inside this transaction.
  return db.transaction(() => {
    const from = fromId < 0 ? contacts.find(fromId) : undefined;
    if (!from) throw new MergeError("not_imported", fromId);
    const into = intoId > 0 ? contacts.find(intoId) : undefined;
    if (!into) throw new MergeError("not_telegram_user", intoId);

    const summary = contacts.moveBelongings(fromId, intoId);
    contacts.saveMerged(intoId, mergedProfile(from, into), from);
    // Tags and attributes the Telegram user already had go with the imported row.
    contacts.delete(fromId);
    return summary;
  });
}

/** The Telegram user's profile after the merge: their own values win, the imported record fills gaps. */
function mergedProfile(from: UserRecord, into: UserRecord): MergedProfile {
  const hasFirstName = visibleName(into.firstName) !== null;
  const fromIsLater =
    from.lastMessageAt !== null && (into.lastMessageAt === null || from.lastMessageAt > into.lastMessageAt);
  return {
    firstName: hasFirstName ? into.firstName : (from.firstName ?? into.firstName),
    // Names taken from the imported record must survive the next update from Telegram.
    ...(hasFirstName || from.firstName === null ? {} : { namesEditedAt: new Date() }),
    lastName: visibleName(into.lastName) !== null ? into.lastName : (from.lastName ?? into.lastName),
    // A value taken from the imported record is the owner's data: only the owner makes those records.
    email: into.email ?? from.email,
    emailSource: into.email !== null ? into.emailSource : from.email === null ? null : "owner",
    phone: into.phone ?? from.phone,
    phoneSource: into.phone !== null ? into.phoneSource : from.phone === null ? null : "owner",
    timezone: into.timezone ?? from.timezone,
    gender: into.gender ?? from.gender,
    photoFileId: into.photoFileId ?? from.photoFileId,
    importedAt: into.importedAt ?? from.importedAt,
    lastActivityAt: later(into.lastActivityAt, from.lastActivityAt),
    lastMessageText: fromIsLater ? from.lastMessageText : into.lastMessageText,
    lastMessageAt: later(into.lastMessageAt, from.lastMessageAt),
  };
}

/** Imported contacts (no Telegram id yet) with this phone, oldest first; none for a phone that does not parse. */
export function findImportedByPhone(db: Db, phone: string): UserRecord[] {
  const normalized = normalizePhone(phone);
  return normalized === null ? [] : new ContactRepository(db).importedWithPhone(normalized);
}

/** Imported contacts (no Telegram id yet) with this email, case-insensitively, oldest first. */
export function findImportedByEmail(db: Db, email: string): UserRecord[] {
  const normalized = normalizeEmail(email);
  return normalized === null ? [] : new ContactRepository(db).importedWithEmail(normalized);
}
