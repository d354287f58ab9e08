import { and, asc, eq, gt, lte, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { durableWriter } from "../../db/durable-write.js";
import { setPlaceholder } from "../../db/prepared.js";
import {
  type SequenceRecord,
  type SequenceStepRecord,
  type SubscriptionRecord,
  sequenceSends,
  sequenceSteps,
  sequenceSubscriptions,
  sequences,
  users,
} from "../../db/schema/index.js";
import { activeLeaseName } from "../lease/instance-lease.js";
import { nextLiveness } from "../mailing/mailing.js";
import type { StopReason } from "./sequence.js";
import { readSequenceStats, type SequenceStats } from "./sequence-stats-repository.js";
import { readTriggerEvents, type TriggerEvent } from "./sequence-trigger-repository.js";

export type { SequenceRecord, SequenceStepRecord, SubscriptionRecord } from "../../db/schema/index.js";
export type { SequenceStats, StepStats } from "./sequence-stats-repository.js";
export type { TriggerEvent } from "./sequence-trigger-repository.js";

/** A due subscription with what the sender needs of its user. */
export interface DueSubscription {
  id: number;
  sequenceId: number;
  userId: number;
  position: number;
  round: number;
  dueAt: Date | null;
}

function prepareSenderStatements(db: Db) {
  return {
    // The (status, due_at) index walks the due rows in time order; nothing scans users.
    due: db
      .select({
        id: sequenceSubscriptions.id,
        sequenceId: sequenceSubscriptions.sequenceId,
        userId: sequenceSubscriptions.userId,
        position: sequenceSubscriptions.position,
        round: sequenceSubscriptions.round,
        dueAt: sequenceSubscriptions.dueAt,
      })
      .from(sequenceSubscriptions)
      .innerJoin(sequences, eq(sequences.id, sequenceSubscriptions.sequenceId))
      .where(
        and(
          eq(sequenceSubscriptions.status, "active"),
          lte(sequenceSubscriptions.dueAt, sql.placeholder("nowMs")),
          eq(sequences.enabled, true),
        ),
      )
      .orderBy(asc(sequenceSubscriptions.dueAt))
      .limit(sql.placeholder("limit"))
      .prepare(),
    // Read by every pass of the sender and by every deeplink a newcomer opens.
    list: db.select().from(sequences).orderBy(asc(sequences.id)).prepare(),
    triggeredByDeeplink: db
      .select()
      .from(sequences)
      .where(and(eq(sequences.enabled, true), eq(sequences.triggerDeeplink, sql.placeholder("code"))))
      .orderBy(asc(sequences.id))
      .prepare(),
    // Ignored when claimed before; refused when this process no longer holds the instance lease.
    // CAST: PostgreSQL must know each parameter's type, and IS NULL alone does not tell it.
    claim: db.$client.prepare(
      `INSERT OR IGNORE INTO sequence_sends (subscription_id, round, position, step_id, status, at)
       SELECT @subscriptionId, @round, @position, @stepId, 'sending', @nowMs
       WHERE CAST(@leaseHolder AS TEXT) IS NULL
          OR EXISTS (SELECT 1 FROM leases WHERE name = @leaseName AND holder = @leaseHolder)`,
    ),
    settle: db
      .update(sequenceSends)
      .set({
        status: setPlaceholder("status"),
        messageId: setPlaceholder("messageId"),
        pollId: setPlaceholder("pollId"),
        error: setPlaceholder("error"),
      })
      .where(
        and(
          eq(sequenceSends.subscriptionId, sql.placeholder("subscriptionId")),
          eq(sequenceSends.round, sql.placeholder("round")),
          eq(sequenceSends.position, sql.placeholder("position")),
          eq(sequenceSends.status, "sending"),
        ),
      )
      .prepare(),
    release: db
      .delete(sequenceSends)
      .where(
        and(
          eq(sequenceSends.subscriptionId, sql.placeholder("subscriptionId")),
          eq(sequenceSends.round, sql.placeholder("round")),
          eq(sequenceSends.position, sql.placeholder("position")),
          eq(sequenceSends.status, "sending"),
        ),
      )
      .prepare(),
  };
}

/** Sequences, their steps, subscriptions and per-send records in SQLite. */
export class SequenceRepository {
  private readonly sender: ReturnType<typeof prepareSenderStatements>;
  private readonly durably: ReturnType<typeof durableWriter>;

  constructor(private readonly db: Db) {
    this.sender = prepareSenderStatements(db);
    this.durably = durableWriter(db);
  }

  list(): SequenceRecord[] {
    return this.sender.list.all();
  }

  /** The enabled sequences a deeplink's code subscribes to. */
  triggeredByDeeplink(code: string): SequenceRecord[] {
    return this.sender.triggeredByDeeplink.all({ code });
  }

  find(id: number): SequenceRecord | undefined {
    return this.db.select().from(sequences).where(eq(sequences.id, id)).get();
  }

  insert(values: typeof sequences.$inferInsert): SequenceRecord {
    return this.db.insert(sequences).values(values).returning().get();
  }

  update(id: number, values: Partial<typeof sequences.$inferInsert>): SequenceRecord | undefined {
    return this.db.update(sequences).set(values).where(eq(sequences.id, id)).returning().get();
  }

  delete(id: number): SequenceRecord | undefined {
    return this.db.delete(sequences).where(eq(sequences.id, id)).returning().get();
  }

  steps(sequenceId: number): SequenceStepRecord[] {
    return this.db
      .select()
      .from(sequenceSteps)
      .where(eq(sequenceSteps.sequenceId, sequenceId))
      .orderBy(asc(sequenceSteps.position))
      .all();
  }

  step(sequenceId: number, position: number): SequenceStepRecord | undefined {
    return this.db
      .select()
      .from(sequenceSteps)
      .where(and(eq(sequenceSteps.sequenceId, sequenceId), eq(sequenceSteps.position, position)))
      .get();
  }

  /** A step by its id, whichever sequence it is in. */
  stepById(id: number): SequenceStepRecord | undefined {
    return this.db.select().from(sequenceSteps).where(eq(sequenceSteps.id, id)).get();
  }

  insertStep(values: typeof sequenceSteps.$inferInsert): SequenceStepRecord {
    return this.db.insert(sequenceSteps).values(values).returning().get();
  }

  updateStep(id: number, values: Partial<typeof sequenceSteps.$inferInsert>): SequenceStepRecord | undefined {
    return this.db.update(sequenceSteps).set(values).where(eq(sequenceSteps.id, id)).returning().get();
  }

  /** Deletes a step and closes the gap: later steps and the subscribers waiting for them move up one. */
  deleteStep(step: SequenceStepRecord): void {
    const { sequenceId, position } = step;
    this.db.delete(sequenceSteps).where(eq(sequenceSteps.id, step.id)).run();
    // Through negatives: SQLite checks the unique (sequence, position) row by row.
    const later = and(eq(sequenceSteps.sequenceId, sequenceId), gt(sequenceSteps.position, position));
    this.db
      .update(sequenceSteps)
      .set({ position: sql`-${sequenceSteps.position}` })
      .where(later)
      .run();
    this.db
      .update(sequenceSteps)
      .set({ position: sql`-${sequenceSteps.position} - 1` })
      .where(and(eq(sequenceSteps.sequenceId, sequenceId), sql`${sequenceSteps.position} < 0`))
      .run();
    this.db
      .update(sequenceSubscriptions)
      .set({ position: sql`${sequenceSubscriptions.position} - 1` })
      .where(
        and(eq(sequenceSubscriptions.sequenceId, sequenceId), gt(sequenceSubscriptions.position, position)),
      )
      .run();
  }

  subscription(sequenceId: number, userId: number): SubscriptionRecord | undefined {
    return this.db
      .select()
      .from(sequenceSubscriptions)
      .where(and(eq(sequenceSubscriptions.sequenceId, sequenceId), eq(sequenceSubscriptions.userId, userId)))
      .get();
  }

  subscriptionById(id: number): SubscriptionRecord | undefined {
    return this.db.select().from(sequenceSubscriptions).where(eq(sequenceSubscriptions.id, id)).get();
  }

  subscriptionsOf(userId: number): SubscriptionRecord[] {
    return this.db
      .select()
      .from(sequenceSubscriptions)
      .where(eq(sequenceSubscriptions.userId, userId))
      .orderBy(asc(sequenceSubscriptions.sequenceId))
      .all();
  }

  insertSubscription(values: typeof sequenceSubscriptions.$inferInsert): SubscriptionRecord {
    return this.db.insert(sequenceSubscriptions).values(values).returning().get();
  }

  updateSubscription(
    id: number,
    values: Partial<typeof sequenceSubscriptions.$inferInsert>,
  ): SubscriptionRecord | undefined {
    return this.db
      .update(sequenceSubscriptions)
      .set(values)
      .where(eq(sequenceSubscriptions.id, id))
      .returning()
      .get();
  }

  /** Stops an active subscription; false when it was not active. */
  stop(id: number, reason: StopReason, now: Date, stepId: number | null = null): boolean {
    return (
      this.db
        .update(sequenceSubscriptions)
        .set({ status: "stopped", dueAt: null, stoppedAt: now, stopReason: reason, stoppedStepId: stepId })
        .where(and(eq(sequenceSubscriptions.id, id), eq(sequenceSubscriptions.status, "active")))
        .run().changes === 1
    );
  }

  /** What happened since the sequence's watermark that its triggers answer, by time indexes. */
  newcomers(sequence: SequenceRecord, through: Date): TriggerEvent[] {
    return readTriggerEvents(this.db, sequence, through);
  }

  /** Bot users (active, alive, with a Telegram id) that a segment condition selects. */
  usersWhere(condition: SQL): number[] {
    return this.db
      .select({ id: users.id })
      .from(users)
      .where(condition)
      .all()
      .map((u) => u.id);
  }

  /** Active subscriptions due at `now`, oldest due first, by the (status, due_at) index. */
  due(now: Date, limit: number): DueSubscription[] {
    return this.sender.due.all({ nowMs: now.getTime(), limit });
  }

  /**
   * Claims a step for one subscriber, committed durably before the API call: false when it was
   * claimed before (sent, failed, or caught in flight by a crash) or this process lost the lease.
   */
  claim(due: DueSubscription, stepId: number, now: Date, leaseHolder: string | undefined): boolean {
    const params = {
      subscriptionId: due.id,
      round: due.round,
      position: due.position,
      stepId,
      nowMs: now.getTime(),
      leaseHolder: leaseHolder ?? null,
      leaseName: activeLeaseName,
    };
    return this.durably(() => this.sender.claim.run(params)).changes === 1;
  }

  /** Whether this step of this round was claimed before (so it is never sent again). */
  wasClaimed(due: DueSubscription): boolean {
    return (
      this.db
        .select({ status: sequenceSends.status })
        .from(sequenceSends)
        .where(
          and(
            eq(sequenceSends.subscriptionId, due.id),
            eq(sequenceSends.round, due.round),
            eq(sequenceSends.position, due.position),
          ),
        )
        .get() !== undefined
    );
  }

  /** Telegram said "not now" (429): the step was not delivered, so its claim is given back. */
  release(due: DueSubscription): void {
    this.sender.release.run({ subscriptionId: due.id, round: due.round, position: due.position });
  }

  /**
   * Counts a network failure of the subscriber's current step: how many it has had now, or
   * undefined when the subscription moved on or stopped meanwhile.
   */
  countNetworkFailure(due: DueSubscription): number | undefined {
    return this.db
      .update(sequenceSubscriptions)
      .set({ failedAttempts: sql`${sequenceSubscriptions.failedAttempts} + 1` })
      .where(this.current(due))
      .returning({ failedAttempts: sequenceSubscriptions.failedAttempts })
      .get()?.failedAttempts;
  }

  /** The step is tried again at `dueAt` (a network failure's back-off). */
  postpone(due: DueSubscription, dueAt: Date): void {
    this.db.update(sequenceSubscriptions).set({ dueAt }).where(this.current(due)).run();
  }

  /** The subscription, while still active at the step the sender read. */
  private current(due: DueSubscription): SQL | undefined {
    return and(
      eq(sequenceSubscriptions.id, due.id),
      eq(sequenceSubscriptions.status, "active"),
      eq(sequenceSubscriptions.round, due.round),
      eq(sequenceSubscriptions.position, due.position),
    );
  }

  /** Records a claimed step's outcome; false when it is no longer "sending". */
  settle(
    due: DueSubscription,
    outcome: { status: "sent"; messageId: number; pollId?: string } | { status: "failed"; error: string },
  ): boolean {
    return (
      this.sender.settle.run({
        subscriptionId: due.id,
        round: due.round,
        position: due.position,
        status: outcome.status,
        messageId: outcome.status === "sent" ? outcome.messageId : null,
        pollId: outcome.status === "sent" ? (outcome.pollId ?? null) : null,
        error: outcome.status === "failed" ? outcome.error : null,
      }).changes === 1
    );
  }

  /** Moves an active subscription past the step at `position`: to the next one, or completed. */
  advance(due: DueSubscription, next: { position: number; dueAt: Date } | null, now: Date): void {
    this.db
      .update(sequenceSubscriptions)
      .set(
        next
          ? { position: next.position, dueAt: next.dueAt, failedAttempts: 0 }
          : {
              position: due.position + 1,
              dueAt: null,
              status: "completed",
              stoppedAt: now,
              failedAttempts: 0,
            },
      )
      .where(this.current(due))
      .run();
  }

  /**
   * How an outcome changes the user's liveness (as a mailing's does): a delivery revives, an
   * unreachable failure counts toward Dead After. Whether the user died of it.
   */
  recordLiveness(
    userId: number,
    outcome: "delivered" | "unreachable",
    deadAfter: number,
    now: Date,
  ): boolean {
    const user = this.db
      .select({ failedDeliveries: users.failedDeliveries, deadAt: users.deadAt })
      .from(users)
      .where(eq(users.id, userId))
      .get();
    if (!user) return false;
    const next = nextLiveness(
      { failedDeliveries: user.failedDeliveries, dead: user.deadAt !== null },
      outcome,
      deadAfter,
    );
    if (outcome === "delivered" && user.failedDeliveries === 0 && user.deadAt === null) return false;
    this.db
      .update(users)
      .set({
        failedDeliveries: next.failedDeliveries,
        ...(next.becameDead && { deadAt: now, deadReason: "unreachable" }),
        ...(next.revived && { deadAt: null, deadReason: null }),
      })
      .where(eq(users.id, userId))
      .run();
    return next.becameDead;
  }

  /** After a crash: steps caught in flight become "unknown" (never resent); how many. */
  recoverInFlight(): number {
    return this.db
      .update(sequenceSends)
      .set({ status: "unknown" })
      .where(eq(sequenceSends.status, "sending"))
      .run().changes;
  }

  /** Subscribers by status, and per step its sends by outcome and the users who stopped at it. */
  stats(sequenceId: number): SequenceStats {
    return readSequenceStats(this.db, sequenceId, this.steps(sequenceId));
  }
}
