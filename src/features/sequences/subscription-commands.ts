import type { Db } from "../../db/client.js";
import { inTransaction } from "../../db/in-transaction.js";
import type { Actor } from "../audit/audit-log.js";
import type { AuditLog } from "../audit/audit-repository.js";
import type { MailingAudience } from "../mailing/mailing.js";
import { audienceCondition } from "../mailing/mailing-audience.js";
import { parseSegment, printSegment, segmentReason } from "../segments/segment.js";
import type { SettingsRepository } from "../settings/settings-repository.js";
import { UserActionError } from "../users/user-action-error.js";
import type { UserRepository } from "../users/user-repository.js";
import { nextDueAt } from "./sending-window.js";
import type { StopReason, SubscriptionSource } from "./sequence.js";
import { SequenceInputError, SequenceNotFoundError } from "./sequence-errors.js";
import type { SequenceRecord, SequenceRepository, SubscriptionRecord } from "./sequence-repository.js";

/** What subscribing works with (a subset of the bot's services). */
export interface SubscriptionServices {
  db: Db;
  sequences: SequenceRepository;
  users: UserRepository;
  settings: SettingsRepository;
  audit: AuditLog;
  now: () => Date;
}

/** The time zone a user's sending windows mean: theirs when known, else the bot's. */
export function timeZoneOf(
  services: Pick<SubscriptionServices, "settings">,
  userTimeZone: string | null,
): string {
  return userTimeZone ?? services.settings.get("mailing").timezone;
}

/** When the step at `position` is due for a user subscribing now; now when there is none. */
function firstDue(
  services: SubscriptionServices,
  sequenceId: number,
  position: number,
  userId: number,
): Date {
  const now = services.now();
  const step = services.sequences.step(sequenceId, position);
  if (!step) return now;
  const window =
    step.windowStart === null || step.windowEnd === null
      ? null
      : { start: step.windowStart, end: step.windowEnd };
  return nextDueAt(
    now,
    step.delayMs,
    window,
    timeZoneOf(services, services.users.find(userId)?.timezone ?? null),
  );
}

/**
 * Puts a user in a sequence. New: at the first step. Active: unchanged. Completed or stopped: the
 * first step again (a new round) or where they were, as the sequence says. Returns the subscription
 * and whether it changed. Runs inside the caller's transaction when there is one.
 */
function enrol(
  services: SubscriptionServices,
  sequence: SequenceRecord,
  userId: number,
  source: SubscriptionSource,
): { subscription: SubscriptionRecord; changed: boolean } {
  const { sequences } = services;
  const now = services.now();
  const found = sequences.subscription(sequence.id, userId);
  if (!found) {
    const subscription = sequences.insertSubscription({
      sequenceId: sequence.id,
      userId,
      status: "active",
      position: 0,
      dueAt: firstDue(services, sequence.id, 0, userId),
      source,
      subscribedAt: now,
    });
    return { subscription, changed: true };
  }
  if (found.status === "active") return { subscription: found, changed: false };
  const restart = sequence.resubscribe === "restart";
  const position = restart ? 0 : found.position;
  const subscription = sequences.updateSubscription(found.id, {
    status: "active",
    position,
    round: restart ? found.round + 1 : found.round,
    dueAt: firstDue(services, sequence.id, position, userId),
    source,
    subscribedAt: now,
    stoppedAt: null,
    stopReason: null,
    stoppedStepId: null,
    failedAttempts: 0,
  }) as SubscriptionRecord;
  return { subscription, changed: true };
}

/** An admin or the API subscribes a user; audits `sequences.subscribe` when something changed. */
export function subscribe(
  services: SubscriptionServices,
  actor: Actor,
  { sequenceId, userId }: { sequenceId: number; userId: number },
): SubscriptionRecord {
  return services.db.transaction(() => {
    const sequence = services.sequences.find(sequenceId);
    if (!sequence) throw new SequenceNotFoundError(`Sequence ${sequenceId}`);
    const user = services.users.find(userId);
    if (!user) throw new UserActionError("unknown_user", userId);
    if (userId <= 0) throw new UserActionError("no_telegram_id", userId);
    const source: SubscriptionSource = actor.kind === "admin" ? "admin" : "api";
    const { subscription, changed } = enrol(services, sequence, userId, source);
    if (changed)
      services.audit.record({ actor, action: "sequences.subscribe", after: { sequenceId, userId, source } });
    return subscription;
  });
}

/**
 * Who a segment subscribes: the live bot users it selects, its days and times in the bot's time zone.
 * An adapter counts them with it before asking to confirm; refuses a segment that does not parse.
 */
export function segmentAudience(
  services: Pick<SubscriptionServices, "settings">,
  segment: string,
): MailingAudience {
  const parsed = parseSegment(segment.trim());
  if (!parsed.ok) throw new SequenceInputError("invalid_segment", "segment", segmentReason(parsed));
  const timeZone = services.settings.get("mailing").timezone;
  return { includeDead: false, segment: printSegment(parsed.tree), timeZone };
}

/**
 * Subscribes every bot user a segment selects (active, alive, with a Telegram id) in one transaction;
 * audits one `sequences.subscribe_segment` entry with the count. Returns how many changed.
 */
export function subscribeSegment(
  services: SubscriptionServices,
  actor: Actor,
  { sequenceId, segment }: { sequenceId: number; segment: string },
): number {
  const audience = segmentAudience(services, segment);
  const condition = audienceCondition(audience, services.now());
  return services.db.transaction(() => {
    const sequence = services.sequences.find(sequenceId);
    if (!sequence) throw new SequenceNotFoundError(`Sequence ${sequenceId}`);
    const source: SubscriptionSource = actor.kind === "admin" ? "admin" : "api";
    let changed = 0;
    for (const userId of services.sequences.usersWhere(condition))
      if (enrol(services, sequence, userId, source).changed) changed += 1;
    services.audit.record({
      actor,
      action: "sequences.subscribe_segment",
      after: { sequenceId, segment: audience.segment, subscribed: changed },
    });
    return changed;
  });
}

/** An admin or the API takes a user out of a sequence; audits `sequences.unsubscribe`. False when not active. */
export function unsubscribe(
  services: SubscriptionServices,
  actor: Actor,
  { sequenceId, userId }: { sequenceId: number; userId: number },
): boolean {
  return services.db.transaction(() => {
    if (!services.sequences.find(sequenceId)) throw new SequenceNotFoundError(`Sequence ${sequenceId}`);
    const found = services.sequences.subscription(sequenceId, userId);
    if (!found) return false;
    const reason: StopReason = actor.kind === "admin" ? "admin" : "api";
    const stopped = services.sequences.stop(found.id, reason, services.now());
    if (stopped)
      services.audit.record({
        actor,
        action: "sequences.unsubscribe",
        before: { sequenceId, userId, reason },
      });
    return stopped;
  });
}

/** The user pressed "stop these messages" under a step: only their own subscription, and only once. */
export function stopByUser(
  services: SubscriptionServices,
  { subscriptionId, stepId, userId }: { subscriptionId: number; stepId: number; userId: number },
): boolean {
  return inTransaction(services.db, () => {
    const found = services.sequences.subscriptionById(subscriptionId);
    if (!found || found.userId !== userId) return false;
    return services.sequences.stop(found.id, "user", services.now(), stepId);
  });
}

/** A user opened a deeplink: every enabled sequence triggered by its code takes them in. */
export function subscribeByDeeplink(services: SubscriptionServices, code: string, userId: number): number {
  const triggered = services.sequences.triggeredByDeeplink(code);
  // Most deeplinks start no sequence: no transaction, and no commit of its own, for them.
  if (triggered.length === 0) return 0;
  return inTransaction(services.db, () => {
    let count = 0;
    for (const sequence of triggered) {
      if (enrol(services, sequence, userId, "deeplink").changed) count += 1;
    }
    return count;
  });
}

/**
 * Subscribes the users registered (through a campaign link, or at all) or tagged since each enabled
 * sequence last looked, and moves its watermark, in one transaction per sequence; how many.
 */
export function enrolTriggered(services: SubscriptionServices): number {
  let count = 0;
  const through = services.now();
  for (const sequence of services.sequences.list()) {
    const triggered = sequence.onRegistration || sequence.triggerTag || sequence.triggerCampaignId !== null;
    if (!sequence.enabled || !triggered) continue;
    inTransaction(services.db, () => {
      const events = services.sequences.newcomers(sequence, through);
      for (const { userId, source, at } of events) {
        // Only an event after the user's current subscription began takes them back (a tag removed
        // and added again); the same event seen twice, at the watermark's edge, does nothing.
        const found = services.sequences.subscription(sequence.id, userId);
        if (found && at.getTime() <= found.subscribedAt.getTime()) continue;
        if (enrol(services, sequence, userId, source).changed) count += 1;
      }
      // Moved when something was seen, else once a minute: an idle bot does not write every second.
      if (events.length > 0 || through.getTime() - sequence.enrolledThrough.getTime() >= 60_000)
        services.sequences.update(sequence.id, { enrolledThrough: through });
    });
  }
  return count;
}
