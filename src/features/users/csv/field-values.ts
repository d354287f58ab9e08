import { IANAZone } from "luxon";
import { type UserStatus, userStatuses } from "../../../db/schema/index.js";
import { tagPattern } from "../../gate/deeplinks/deeplink-tags.js";
import { maxNameLength } from "../profile-fields.js";

/** The longest values accepted for a user's fields (as profile-fields.ts checks them one by one). */
export const fieldLimits = {
  name: maxNameLength,
  email: 254,
  gender: 32,
  note: 4096,
  /** Attribute values are limited in UTF-8 bytes. */
  attributeBytes: 1024,
} as const;

/** A Telegram user id: a positive whole number, or null. */
export function parseTelegramId(raw: string): number | null {
  if (!/^[1-9]\d{0,15}$/.test(raw)) return null;
  const id = Number(raw);
  return Number.isSafeInteger(id) ? id : null;
}

/** A Telegram username without its `@`, or null. */
export function normalizeUsername(raw: string): string | null {
  const username = raw.trim().replace(/^@/, "");
  return /^[A-Za-z][A-Za-z0-9_]{3,31}$/.test(username) ? username : null;
}

/** A language code as Telegram writes them (`en`, `pt-br`); `en_US` becomes `en-us`. */
export function normalizeLanguage(raw: string): string | null {
  const code = raw.trim().toLowerCase().replace(/_/g, "-");
  return /^[a-z]{2,3}(-[a-z0-9]{1,8}){0,3}$/.test(code) ? code : null;
}

/**
 * An IANA time zone name. Whole-hour offsets (`UTC+3`, `GMT-05:00`, `+3`) become their IANA
 * equivalents (`Etc/GMT-3`: the Etc zones count the other way round).
 */
export function normalizeTimezone(raw: string): string | null {
  const value = raw.trim();
  const offset = /^(?:UTC|GMT)?\s*([+-])\s*(\d{1,2})(?::?00)?$/i.exec(value);
  if (offset) {
    const hours = Number(offset[2]);
    if (hours === 0) return "UTC";
    const east = offset[1] === "+";
    if (hours > (east ? 14 : 12)) return null;
    return `Etc/GMT${east ? "-" : "+"}${hours}`;
  }
  return IANAZone.isValidZone(value) ? value : null;
}

/** A user status (`active`, `pending`, `banned`, any case), or null. */
export function parseStatus(raw: string): UserStatus | null {
  const status = raw.trim().toLowerCase();
  return (userStatuses as readonly string[]).includes(status) ? (status as UserStatus) : null;
}

/**
 * A point in time: `2026-01-31`, or ISO 8601 with a time (`T` or a space), read as UTC without an
 * offset.
 */
export function parseDate(raw: string): Date | null {
  const match =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(
      raw.trim(),
    );
  if (!match) return null;
  const [, year, month, day, clock, zone] = match;
  // Date.parse rolls 2026-02-30 over into March; the calendar day must exist as written.
  const calendar = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (calendar.getUTCMonth() !== Number(month) - 1 || calendar.getUTCDate() !== Number(day)) return null;
  const ms = Date.parse(`${year}-${month}-${day}T${clock ?? "00:00"}${zone ?? "Z"}`);
  return Number.isNaN(ms) ? null : new Date(ms);
}

/** A tag as stored: lower-cased, spaces inside become `_`; null when it breaks the tag rules. */
export function normalizeTag(raw: string): string | null {
  const tag = raw.trim().toLowerCase().replace(/\s+/g, "_");
  return tagPattern.test(tag) ? tag : null;
}

/** The tags of one cell, separated by commas (Manychat writes `a, b`). */
export function splitTags(cell: string): string[] {
  return cell
    .split(",")
    .map((t) => t.trim())
    .filter((t) => t !== "");
}

/** The length of a text in characters as people count them (code points, not UTF-16 units). */
export function textLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** True when an attribute value fits the limit. */
export function attributeValueFits(value: string): boolean {
  return Buffer.byteLength(value, "utf8") <= fieldLimits.attributeBytes;
}
