import type { UserRecord } from "./user-repository.js";

/** The profile and activity fields a users list row can show, by the name the setting stores. */
const builtInFields = {
  username: (user: UserRecord) => (user.username === null ? null : `@${user.username}`),
  email: (user: UserRecord) => user.email,
  phone: (user: UserRecord) => user.phone,
  language: (user: UserRecord) => user.languageCode,
  status: (user: UserRecord) => user.status,
  joined: (user: UserRecord) => (user.registeredAt ?? user.firstSeenAt).toISOString().slice(0, 10),
  last_seen: (user: UserRecord) => user.lastSeenAt.toISOString().slice(0, 10),
  messages: (user: UserRecord) => String(user.messageCount),
  clicks: (user: UserRecord) => String(user.clickCount),
  timezone: (user: UserRecord) => user.timezone,
  gender: (user: UserRecord) => user.gender,
} as const satisfies Record<string, (user: UserRecord) => string | null>;

type BuiltInField = keyof typeof builtInFields;

/** The built-in field names, in the order the menu offers them. */
export const listFieldNames = Object.keys(builtInFields) as BuiltInField[];

/** A field a row may show: a built-in name, or `attribute:<key>` for one custom attribute. */
export const listFieldPattern = new RegExp(`^(${listFieldNames.join("|")}|attribute:[a-z0-9_]{1,64})$`);

/** At most this many fields per row, so ten rows stay well inside one message. */
export const maxListFields = 6;

/** Longer values are cut to this many characters in a row. */
const shownValueLength = 40;

/** The attribute key a field names, or undefined for a built-in field. */
export function attributeKeyOf(field: string): string | undefined {
  return field.startsWith("attribute:") ? field.slice("attribute:".length) : undefined;
}

/** What a row shows for one field: the label (the attribute key, or the field's name) and the value or null. */
export function listFieldValue(
  user: UserRecord,
  field: string,
  attributes: ReadonlyMap<string, string>,
): { label: string; value: string | null } {
  const key = attributeKeyOf(field);
  const value =
    key !== undefined
      ? (attributes.get(key) ?? null)
      : (builtInFields[field as BuiltInField]?.(user) ?? null);
  const oneLine = value?.replace(/\s+/g, " ");
  const shown =
    oneLine !== undefined && oneLine.length > shownValueLength
      ? `${oneLine.slice(0, shownValueLength - 1)}…`
      : oneLine;
  return { label: key ?? field, value: shown ?? null };
}
