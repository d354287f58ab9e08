import type { AgoUnit, AttributeValue, TimeValue } from "./tree.js";

const numberPattern = /^-?\d{1,15}(\.\d{1,6})?$/;
const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const dateTimePattern =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const agoPattern = /^-(\d{1,6})([hdw])$/;
/** Starts like a date: a value shaped so and not a real date is a mistake, not text. */
const dateLikePattern = /^\d{4}-\d{2}-\d{2}/;

/**
 * A number as the language writes it (at most 15 digits before the point and 6 after); null otherwise.
 * Numbers print back the same way (`String(n)`), so the limits keep exponents out.
 */
export function readNumber(text: string): number | null {
  if (!numberPattern.test(text)) return null;
  const value = Number(text);
  if (!numberPattern.test(String(value))) return null;
  return value === 0 ? 0 : value;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function isDate(year: number, month: number, day: number): boolean {
  const lengths = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return month >= 1 && month <= 12 && day >= 1 && day <= (lengths[month - 1] as number);
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** A day, a date-time (with or without an offset) or a relative time like `-7d`; null otherwise. */
export function readTime(text: string): TimeValue | null {
  const ago = agoPattern.exec(text);
  if (ago) return { kind: "ago", amount: Number(ago[1]), unit: ago[2] as AgoUnit };

  const day = dayPattern.exec(text);
  if (day) return isDate(Number(day[1]), Number(day[2]), Number(day[3])) ? { kind: "day", date: text } : null;

  const match = dateTimePattern.exec(text);
  if (!match) return null;
  const [year, month, date, hour, minute] = match.slice(1, 6).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const second = Number(match[6] ?? 0);
  const millisecond = Number((match[7] ?? "0").padEnd(3, "0"));
  if (!isDate(year, month, date) || hour > 23 || minute > 59 || second > 59) return null;
  const zone = match[8];
  if (zone === undefined) {
    let dateTime = `${pad(year, 4)}-${pad(month)}-${pad(date)}T${pad(hour)}:${pad(minute)}`;
    if (second > 0 || millisecond > 0) dateTime += `:${pad(second)}`;
    if (millisecond > 0) dateTime += `.${pad(millisecond, 3)}`;
    return { kind: "local", dateTime };
  }
  let offsetMinutes = 0;
  if (zone.toUpperCase() !== "Z") {
    const hours = Number(zone.slice(1, 3));
    const minutes = Number(zone.slice(-2));
    if (hours > 23 || minutes > 59) return null;
    offsetMinutes = (zone.startsWith("-") ? -1 : 1) * (hours * 60 + minutes);
  }
  const at = new Date(0);
  at.setUTCFullYear(year, month - 1, date);
  at.setUTCHours(hour, minute - offsetMinutes, second, millisecond);
  const iso = at.toISOString();
  // Offsets can push a year past 9999 or before 0000, which ISO then writes with a sign.
  return /^\d{4}-/.test(iso) ? { kind: "instant", iso } : null;
}

/** True when a value looks like a date but is none (`2026-02-30`): reported rather than read as text. */
export function looksLikeDate(text: string): boolean {
  return dateLikePattern.test(text);
}

/** Booleans as attribute values hold them; `1` and `0` are numbers in a condition. */
export function readBoolean(text: string): boolean | null {
  const lower = text.toLowerCase();
  if (lower === "true" || lower === "yes") return true;
  if (lower === "false" || lower === "no") return false;
  return null;
}

/** An attribute value by what it parses as: number, date or time, boolean, else text. Null: a broken date. */
export function readAttributeValue(text: string, quoted: boolean): AttributeValue | null {
  if (quoted) return { type: "text", text };
  const number = readNumber(text);
  if (number !== null) return { type: "number", number };
  const time = readTime(text);
  if (time !== null) return { type: "time", time };
  if (looksLikeDate(text)) return null;
  const boolean = readBoolean(text);
  if (boolean !== null) return { type: "boolean", boolean };
  return { type: "text", text };
}

/** How a time value is written back. */
export function printTime(value: TimeValue): string {
  switch (value.kind) {
    case "day":
      return value.date;
    case "local":
      return value.dateTime;
    case "instant":
      return value.iso;
    case "ago":
      return `-${value.amount}${value.unit}`;
  }
}
