import type { ContactSource, UserRecord } from "../../db/schema/index.js";

/** The fields a CSV row, an upsert or a hand-made user may find an existing user by, besides the id. */
export type ContactField = "phone" | "email";

const column = { phone: "phoneSource", email: "emailSource" } as const;

/**
 * Where the user's phone or email came from, as far as known: null without one; an imported
 * contact's is the owner's (nobody else creates them); "unknown" for one a Telegram user had before
 * sources were recorded.
 */
export function sourceOf(user: UserRecord, field: ContactField): ContactSource | "unknown" | null {
  if (user[field] === null) return null;
  return user[column[field]] ?? (user.id < 0 ? "owner" : "unknown");
}

/**
 * True when the value may find its user: Telegram vouched for it or it is the owner's data. One
 * the user typed (or of unknown origin) is stored and shown, but nobody's import or upsert lands on
 * them through it: anyone can type anyone's phone.
 */
export function isTrusted(user: UserRecord, field: ContactField): boolean {
  const source = sourceOf(user, field);
  return source === "shared_contact" || source === "owner";
}

const strength: Record<ContactSource | "unknown", number> = {
  unknown: 0,
  self_reported: 1,
  owner: 2,
  shared_contact: 3,
};

const sameValue = (field: ContactField, a: string, b: string) =>
  field === "email" ? a.toLowerCase() === b.toLowerCase() : a === b;

/**
 * The source to store with `value` written from `source`. The value the user already has keeps the
 * stronger of the two: an admin re-entering a phone the user shared leaves it shared, a user
 * re-typing the owner's email leaves it the owner's, and the owner confirming a typed one trusts it.
 */
export function sourceAfterWrite(
  user: UserRecord,
  field: ContactField,
  value: string | null,
  source: ContactSource,
): ContactSource | null {
  if (value === null) return null;
  const stored = user[field];
  const storedSource = sourceOf(user, field);
  if (stored === null || storedSource === null || !sameValue(field, stored, value)) return source;
  return storedSource !== "unknown" && strength[storedSource] > strength[source] ? storedSource : source;
}
