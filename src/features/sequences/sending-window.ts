import { DateTime } from "luxon";

/** Hours of the day a step may be sent in, as minutes after local midnight; `end` before `start` spans midnight. */
export interface SendingWindow {
  start: number;
  end: number;
}

const minutesOfDay = 24 * 60;

/** Whether a window is well formed: both ends within the day and not the same minute. */
export function isSendingWindow(window: SendingWindow): boolean {
  const inDay = (m: number) => Number.isInteger(m) && m >= 0 && m < minutesOfDay;
  return inDay(window.start) && inDay(window.end) && window.start !== window.end;
}

/**
 * The earliest moment at or after `at` that falls in the window, in `timeZone` (an IANA name): `at`
 * itself when inside, else the window's next opening (today's or tomorrow's).
 */
export function intoWindow(at: Date, window: SendingWindow | null, timeZone: string): Date {
  if (!window) return at;
  const local = DateTime.fromJSDate(at, { zone: timeZone });
  const zoned = local.isValid ? local : DateTime.fromJSDate(at, { zone: "UTC" });
  const minute = zoned.hour * 60 + zoned.minute;
  const inside =
    window.start < window.end
      ? minute >= window.start && minute < window.end
      : minute >= window.start || minute < window.end;
  if (inside) return at;
  const opening = zoned.set({
    hour: Math.floor(window.start / 60),
    minute: window.start % 60,
    second: 0,
    millisecond: 0,
  });
  // Before today's opening: today; past it (only outside a same-day window's end): tomorrow.
  const next = minute < window.start ? opening : opening.plus({ days: 1 });
  return next.toJSDate();
}

/** When the step after a send is due: `delayMs` after `from`, pushed into the window. */
export function nextDueAt(from: Date, delayMs: number, window: SendingWindow | null, timeZone: string): Date {
  return intoWindow(new Date(from.getTime() + delayMs), window, timeZone);
}
