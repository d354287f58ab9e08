import { DateTime } from "luxon";

/** The user's wall clock at `now` in their IANA time zone; null without one (or an unknown one). */
export function localTimeOf(timezone: string | null, now: Date): DateTime | null {
  if (timezone === null) return null;
  const local = DateTime.fromJSDate(now, { zone: timezone });
  return local.isValid ? local : null;
}
