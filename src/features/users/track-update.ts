import type { User } from "grammy/types";
import type { Db } from "../../db/client.js";
import { inTransaction } from "../../db/in-transaction.js";
import type { UserRecord } from "../../db/schema/index.js";
import type { ActivityRepository, Interaction } from "./activity-repository.js";
import type { UserRepository } from "./user-repository.js";

/** What tracking one update needs. */
export interface TrackingDeps {
  db: Db;
  users: UserRepository;
  activity: ActivityRepository;
}

/** One private-chat update from a person, as tracking sees it. */
export interface TrackedUpdate {
  from: User;
  /** A message or a button press; other updates only refresh the profile. */
  interaction?: Interaction;
  /** Admins pass the gate by definition: they are bot users from their first update. */
  admin: boolean;
  at: Date;
  sessionTimeoutMs: number;
}

/**
 * Upserts the sender and records the activity of an update, reviving a dead user who writes again,
 * in one commit (both are writes on every update). Returns the user as they are after it, with the
 * activity as it was before (the profile form reads the gap from it).
 */
export function trackUpdate(deps: TrackingDeps, update: TrackedUpdate): UserRecord {
  const { users, activity } = deps;
  const { at, interaction } = update;
  return inTransaction(deps.db, () => {
    const seen = users.touch(update.from, at);
    const touched = update.admin ? registeredAsAdmin(users, seen, at) : seen;
    if (!interaction) return touched;
    const revived =
      touched.deadAt === null ? touched : { ...touched, deadAt: null, deadReason: null, failedDeliveries: 0 };
    if (touched.deadAt !== null) users.markAlive(touched.id);
    activity.recordInteraction(revived, interaction, at, update.sessionTimeoutMs);
    return revived;
  });
}

/** A block (`kicked`) marks the user dead, an unblock (`member`) alive again; one commit with the upsert. */
export function trackPrivateChatStatus(
  deps: TrackingDeps,
  { from, status, at }: { from: User; status: string; at: Date },
): UserRecord {
  const { users } = deps;
  return inTransaction(deps.db, () => {
    const user = users.touch(from, at);
    if (status === "kicked") users.markDead(user.id, "blocked", at);
    else if (status === "member") users.markAlive(user.id);
    return user;
  });
}

/** An admin still pending is registered with no referral: statistics, segments and audiences count them alike. */
function registeredAsAdmin(users: UserRepository, user: UserRecord, at: Date): UserRecord {
  if (user.status !== "pending") return user;
  if (!users.register(user.id, { referrerId: null, campaignId: null }, at)) return user;
  return { ...user, status: "active", registeredAt: at, referrerId: null, campaignId: null };
}
