import type { Db } from "../../../db/client.js";
import { inTransaction } from "../../../db/in-transaction.js";
import type { UserRecord } from "../../../db/schema/index.js";
import type { UserRepository } from "../../users/user-repository.js";
import type { AlertSource, NewUserAlertRepository } from "./new-user-alert-repository.js";

/** Alerts are counted per calendar minute. */
export const minuteMs = 60_000;

/** The start of the calendar minute (UTC) a moment falls in. */
export function minuteOf(at: Date): Date {
  return new Date(Math.floor(at.getTime() / minuteMs) * minuteMs);
}

/** How the admins hear of a newcomer: an alert of their own, or a line in the minute's digest. */
export type AlertRoute = "individual" | "digest";

/** Where a newcomer came from, as digests group them (a campaign counts before a referrer, as in alerts). */
export function sourceOf(user: Pick<UserRecord, "campaignId" | "referrerId">): AlertSource {
  if (user.campaignId !== null) return `campaign:${user.campaignId}`;
  if (user.referrerId !== null) return `referrer:${user.referrerId}`;
  return "direct";
}

interface ClaimDeps {
  db: Db;
  users: UserRepository;
  newUserAlerts: NewUserAlertRepository;
}

/**
 * Claims the alert about a newcomer (null when they were already announced) and counts them in
 * their minute, in one transaction so each newcomer is in exactly one alert or one digest: the
 * first `individualPerMinute` of a minute get their own alert, the rest go to the digest.
 */
export function claimNewUserAlert(
  deps: ClaimDeps,
  { user, at: now, individualPerMinute }: { user: UserRecord; at: Date; individualPerMinute: number },
): AlertRoute | null {
  return inTransaction(deps.db, () => {
    // The claim writes first, so the tallies below are read under the write lock.
    if (!deps.users.claimNewUserAlert(user.id, now)) return null;
    const minuteStart = minuteOf(now);
    const minute = deps.newUserAlerts.minute(minuteStart);
    // A minute whose digests are final takes no one late (a process with its clock behind): alert them.
    if (minute.finishedAt !== null || minute.alerted < individualPerMinute) {
      deps.newUserAlerts.countAlerted(minuteStart);
      return "individual";
    }
    deps.newUserAlerts.countDigested(minuteStart, sourceOf(user));
    return "digest";
  });
}
