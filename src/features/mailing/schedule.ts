import { DateTime, IANAZone } from "luxon";

/** How admins type a moment: `YYYY-MM-DD HH:mm`, read in the bot's time zone. */
export const scheduleFormat = "yyyy-MM-dd HH:mm";
const dateFormat = "yyyy-MM-dd";

export type ScheduleProblem = "format" | "invalid" | "nonexistent" | "past" | "zone";

export type ScheduleParse = { ok: true; at: Date } | { ok: false; problem: ScheduleProblem };

/**
 * An IANA time zone name as the admin typed it, in its usual spelling when only the case was off
 * ("europe/berlin" → "Europe/Berlin"); null when it is no time zone.
 */
export function canonicalTimeZone(name: string): string | null {
  const trimmed = name.trim();
  // Offsets like "+03:00" are valid for Intl but are not IANA names; admins should name a place.
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(trimmed)) return null;
  if (!IANAZone.isValidZone(trimmed)) return null;
  if (trimmed.toUpperCase() === "UTC") return "UTC";
  const lower = trimmed.toLowerCase();
  return Intl.supportedValuesOf("timeZone").find((zone) => zone.toLowerCase() === lower) ?? trimmed;
}

/**
 * Reads a local wall-clock time typed in `zone` (a date alone means its midnight) into the UTC
 * instant it names. A time that
 * does not exist there (skipped by a daylight-saving jump) is refused rather than shifted.
 */
export function parseLocalDateTime(input: string, zone: string): ScheduleParse {
  if (!IANAZone.isValidZone(zone)) return { ok: false, problem: "zone" };
  const text = input.trim().replace("T", " ").replace(/\s+/g, " ");
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
  if (!dateOnly && !/^\d{4}-\d{2}-\d{2} \d{1,2}:\d{2}$/.test(text)) return { ok: false, problem: "format" };
  const normalized = dateOnly ? `${text} 00:00` : text.replace(/ (\d):/, " 0$1:");
  const [hours, minutes] = normalized.slice(11).split(":").map(Number);
  if ((hours ?? 0) > 23 || (minutes ?? 0) > 59) return { ok: false, problem: "invalid" };
  const parsed = DateTime.fromFormat(normalized, scheduleFormat, { zone });
  if (!parsed.isValid) return { ok: false, problem: "invalid" };
  if (parsed.toFormat(scheduleFormat) !== normalized) return { ok: false, problem: "nonexistent" };
  return { ok: true, at: parsed.toUTC().toJSDate() };
}

/** Reads a schedule time: like `parseLocalDateTime` but with the time required, and in the future. */
export function parseScheduleTime(input: string, zone: string, now: Date): ScheduleParse {
  if (!/\d:\d/.test(input)) return { ok: false, problem: "format" };
  const parsed = parseLocalDateTime(input, zone);
  if (!parsed.ok) return parsed;
  if (parsed.at.getTime() <= now.getTime()) return { ok: false, problem: "past" };
  return parsed;
}

/** A moment as admins read it: `YYYY-MM-DD HH:mm` in `zone` (UTC if the zone is unknown). */
export function formatInZone(at: Date, zone: string): string {
  const valid = IANAZone.isValidZone(zone) ? zone : "UTC";
  return DateTime.fromJSDate(at, { zone: valid }).toFormat(scheduleFormat);
}

/** A day as admins read it: `YYYY-MM-DD` in `zone`. */
export function formatDateInZone(at: Date, zone: string): string {
  const valid = IANAZone.isValidZone(zone) ? zone : "UTC";
  return DateTime.fromJSDate(at, { zone: valid }).toFormat(dateFormat);
}
