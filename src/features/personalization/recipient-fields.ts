import { displayName, visibleName } from "../users/display-name.js";
import type { FieldValue } from "./compiled-template.js";
import { attributeKeyOf } from "./template-fields.js";

/** What a template can say about one user: their names and profile (attributes are read apart). */
export interface TemplateRecipient {
  id: number;
  firstName: string | null;
  lastName: string | null;
  username: string | null;
  email?: string | null;
  phone?: string | null;
  languageCode?: string | null;
  timezone?: string | null;
  gender?: string | null;
}

/** Everything needed to fill one recipient's templates. */
export interface RecipientFields {
  recipient: TemplateRecipient;
  /** The user's attribute by key; read only when a template uses one. */
  attribute: (key: string) => string | undefined;
  /** The configured Dear User name: what the names say for someone without one. */
  dearUser: string;
  /** Fields one text adds (the referral link's `{link}` and `{count}`). */
  extra?: Readonly<Record<string, string>>;
}

const nonEmpty = (value: string | null | undefined): string | null =>
  value === null || value === undefined || value.trim() === "" ? null : value;

/** A field's own value for the recipient, or null when they have none. */
function rawValue(fields: RecipientFields, name: string): string | null {
  const { recipient: r } = fields;
  const extra = fields.extra?.[name];
  if (extra !== undefined) return extra;
  switch (name) {
    case "first_name":
      return visibleName(r.firstName);
    case "last_name":
      return visibleName(r.lastName);
    case "full_name":
      return visibleName(r.firstName) === null ? null : displayName(r, fields.dearUser);
    case "username":
      return r.username ? `@${r.username}` : null;
    case "id":
      return String(r.id);
    case "email":
      return nonEmpty(r.email);
    case "phone":
      return nonEmpty(r.phone);
    case "language":
      return nonEmpty(r.languageCode);
    case "timezone":
      return nonEmpty(r.timezone);
    case "gender":
      return nonEmpty(r.gender);
  }
  const key = attributeKeyOf(name);
  return key === null ? null : nonEmpty(fields.attribute(key));
}

/** What a field says without a value of its own and without a `|fallback`: names fall back to Dear User. */
function defaultValue(fields: RecipientFields, name: string): string {
  if (name === "first_name" || name === "full_name") return fields.dearUser;
  if (name === "username") return displayName(fields.recipient, fields.dearUser);
  return "";
}

/**
 * Fills fields for one recipient: their value escaped by `escapeValue` (so a name such as `<b>` cannot
 * break the markup), else the template's fallback as the admin typed it (it is part of their markup),
 * else the default (Dear User for names, nothing otherwise). Unknown fields say nothing.
 */
export function recipientFieldValue(
  fields: RecipientFields,
  escapeValue: (value: string) => string = (value) => value,
): FieldValue {
  return (name, fallback) => {
    const value = rawValue(fields, name);
    if (value !== null) return escapeValue(value);
    if (fallback !== null) return fallback;
    return escapeValue(defaultValue(fields, name));
  };
}

/** One user's fields as plain data: kept in a conversation's replay log, or built by the API. */
export interface RecipientSnapshot {
  recipient: TemplateRecipient;
  attributes: Readonly<Record<string, string>>;
  dearUser: string;
}

/** The fields of a snapshot. */
export function fieldsOfSnapshot(snapshot: RecipientSnapshot): RecipientFields {
  const { attributes } = snapshot;
  return {
    recipient: snapshot.recipient,
    attribute: (key) => (Object.hasOwn(attributes, key) ? attributes[key] : undefined),
    dearUser: snapshot.dearUser,
  };
}
