import { and, asc, count, desc, eq, gt, inArray, isNotNull, lt, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { durableWriter } from "../../db/durable-write.js";
import {
  type DeliveryRecord,
  deliveries,
  type MailingRecord,
  type MailingStatus,
  mailings,
  users,
} from "../../db/schema/index.js";
import { type MailingAudience, type MailingOptions, type MailingPayload, nextLiveness } from "./mailing.js";
import { audienceCondition } from "./mailing-audience.js";
import { prepareDeliveryStatements, prepareTickStatements } from "./mailing-statements.js";

/** The stored records this feature hands to menus and routes. */
export type { MailingRecord } from "../../db/schema/index.js";
export { mailingStatuses } from "../../db/schema/index.js";

export type MailingKind = MailingRecord["kind"];

export interface NewMailing {
  kind: MailingKind;
  payload: MailingPayload;
  audience: MailingAudience;
  options: MailingOptions;
  createdBy: number | null;
  scheduledAt?: Date | null;
  estimatedRecipients?: number | null;
}

export interface Recipient {
  userId: number;
  firstName: string | null;
  lastName: string | null;
  username: string | null;
  // The profile fields templates can use.
  email: string | null;
  phone: string | null;
  languageCode: string | null;
  /** The language the user chose (/language): the unsubscribe button is in it. */
  language: string | null;
  timezone: string | null;
  gender: string | null;
}

/** One page of the mailings, newest first. */
export interface MailingPageQuery {
  kind?: MailingKind | undefined;
  limit: number;
  /** Only mailings older than this id (keyset paging); wins over `offset`. */
  beforeId?: number | undefined;
  offset?: number | undefined;
}

export type DeliveryOutcome =
  /** `pollId`: the poll Telegram made for this recipient (a poll mailing). */
  | { state: "sent"; pollId?: string }
  | { state: "failed"; errorKind: string; description: string; unreachable: boolean };

/** Which statuses each control may move a mailing from. */
const transitions: Record<"pause" | "resume" | "cancel", MailingStatus[]> = {
  pause: ["queued", "running"],
  resume: ["paused"],
  cancel: ["scheduled", "queued", "running", "paused"],
};
const targetOf = { pause: "paused", resume: "running", cancel: "cancelled" } as const;

/** Mailings and their deliveries. Every state change of a delivery is committed on its own. */
export class MailingRepository {
  private deliveryStatements: ReturnType<typeof prepareDeliveryStatements> | undefined;
  private tickStatements: ReturnType<typeof prepareTickStatements> | undefined;
  private readonly durably: ReturnType<typeof durableWriter>;

  constructor(private readonly db: Db) {
    this.durably = durableWriter(db);
  }

  /** Compiled on first use, then kept: a repository made for one listing compiles nothing. */
  private get statements(): ReturnType<typeof prepareDeliveryStatements> {
    this.deliveryStatements ??= prepareDeliveryStatements(this.db);
    return this.deliveryStatements;
  }

  /** The engine's idle queries, compiled on first use like the delivery statements. */
  private get tick(): ReturnType<typeof prepareTickStatements> {
    this.tickStatements ??= prepareTickStatements(this.db);
    return this.tickStatements;
  }

  /** The mailing's status alone (checked before every delivery, so it must be cheap). */
  statusOf(id: number): MailingStatus | undefined {
    return this.statements.status.get({ mailingId: id })?.status;
  }

  create(input: NewMailing, now: Date): MailingRecord {
    return this.db
      .insert(mailings)
      .values({
        ...input,
        scheduledAt: input.scheduledAt ?? null,
        status: input.scheduledAt && input.scheduledAt > now ? "scheduled" : "queued",
        createdAt: now,
      })
      .returning()
      .get();
  }

  find(id: number): MailingRecord | undefined {
    return this.db.select().from(mailings).where(eq(mailings.id, id)).get();
  }

  list(limit: number, offset = 0): MailingRecord[] {
    return this.page({ limit, offset });
  }

  /** One page of the mailings of a kind, newest first (the history). */
  listOf(kind: MailingKind, limit: number, offset = 0): MailingRecord[] {
    return this.page({ kind, limit, offset });
  }

  /** One page of mailings, newest first, optionally of one kind. */
  page(query: MailingPageQuery): MailingRecord[] {
    const conditions: SQL[] = [];
    if (query.kind) conditions.push(eq(mailings.kind, query.kind));
    if (query.beforeId !== undefined) conditions.push(lt(mailings.id, query.beforeId));
    return this.db
      .select()
      .from(mailings)
      .where(and(...conditions))
      .orderBy(desc(mailings.id))
      .limit(query.limit)
      .offset(query.beforeId === undefined ? (query.offset ?? 0) : 0)
      .all();
  }

  /** How many mailings of a kind there are. */
  countOf(kind: MailingKind): number {
    return this.db.select({ n: count() }).from(mailings).where(eq(mailings.kind, kind)).get()?.n ?? 0;
  }

  setStatusMessage(id: number, chatId: number, messageId: number): void {
    this.db
      .update(mailings)
      .set({ statusChatId: chatId, statusMessageId: messageId })
      .where(eq(mailings.id, id))
      .run();
  }

  /**
   * Pauses, resumes or cancels; false (and no change) when the mailing is not in a state that allows it.
   * A mailing paused before it started resumes to the queue, so its recipients are still snapshotted.
   */
  control(id: number, action: keyof typeof transitions, now: Date): boolean {
    const finished = action === "cancel" ? { finishedAt: now } : {};
    const status =
      action === "resume"
        ? sql<MailingStatus>`CASE WHEN ${mailings.startedAt} IS NULL THEN 'queued' ELSE 'running' END`
        : targetOf[action];
    const changed = this.db
      .update(mailings)
      .set({ status, ...finished })
      .where(and(eq(mailings.id, id), inArray(mailings.status, transitions[action])))
      .run();
    return changed.changes === 1;
  }

  /** Scheduled mailings whose time has come join the queue. */
  promoteDue(now: Date): number {
    return this.tick.promoteDue.run({ nowMs: now.getTime() }).changes;
  }

  /** The mailing of this kind that should be sending now: one already running, else the oldest queued. */
  nextToRun(kind: MailingKind): MailingRecord | undefined {
    return this.tick.nextToRun.get({ kind });
  }

  /** Counts who would receive a mailing with this audience now. */
  countAudience(audience: MailingAudience, now: Date): number {
    return this.db.select({ n: count() }).from(users).where(audienceCondition(audience, now)).get()?.n ?? 0;
  }

  /** The user a mailing with this audience would send to first now (the snapshot is sent in id order). */
  firstRecipient(audience: MailingAudience, now: Date): number | undefined {
    return this.db
      .select({ id: users.id })
      .from(users)
      .where(audienceCondition(audience, now))
      .orderBy(asc(users.id))
      .limit(1)
      .get()?.id;
  }

  /** Freezes the recipients (one INSERT … SELECT, no rows in memory) and starts the mailing. */
  snapshot(id: number, now: Date): number {
    return this.db.transaction((tx) => {
      const mailing = tx.select().from(mailings).where(eq(mailings.id, id)).get();
      if (mailing?.status !== "queued" || mailing.startedAt !== null) return mailing?.total ?? 0;
      tx.run(sql`INSERT OR IGNORE INTO deliveries (mailing_id, user_id, state)
        SELECT ${id}, ${users.id}, 'pending' FROM ${users} WHERE ${audienceCondition(mailing.audience, now)}`);
      const total =
        tx.select({ n: count() }).from(deliveries).where(eq(deliveries.mailingId, id)).get()?.n ?? 0;
      tx.update(mailings).set({ status: "running", total, startedAt: now }).where(eq(mailings.id, id)).run();
      return total;
    });
  }

  /** Up to `limit` pending recipients after `afterUserId`, in id order (keyset: memory stays flat). */
  pendingBatch(id: number, afterUserId: number, limit: number): Recipient[] {
    return this.db
      .select({
        userId: deliveries.userId,
        firstName: users.firstName,
        lastName: users.lastName,
        username: users.username,
        email: users.email,
        phone: users.phone,
        languageCode: users.languageCode,
        language: users.language,
        timezone: users.timezone,
        gender: users.gender,
      })
      .from(deliveries)
      .innerJoin(users, eq(users.id, deliveries.userId))
      .where(
        and(
          eq(deliveries.mailingId, id),
          eq(deliveries.state, "pending"),
          gt(deliveries.userId, afterUserId),
        ),
      )
      .orderBy(asc(deliveries.userId))
      .limit(limit)
      .all();
  }

  /**
   * Committed before the API call: a crash now leaves this delivery "sending", later "unknown", never
   * resent, also after a power loss (a durable commit). Only while the mailing is running, and with
   * `leaseHolder` only while that process holds the instance lease.
   */
  markSending(id: number, userId: number, now: Date, leaseHolder?: string): boolean {
    const params = { mailingId: id, userId, now, leaseHolder: leaseHolder ?? null };
    return this.durably(() => this.statements.markSending.run(params)).changes === 1;
  }

  /** Telegram said "not now" (429, network): the message was not delivered, so it may be sent again. */
  markRetry(id: number, userId: number, now: Date): void {
    this.statements.markRetry.run({ mailingId: id, userId, now });
  }

  /**
   * Records the outcome, the mailing's counters and the user's liveness in one transaction; false
   * (and nothing changed) when the delivery is no longer "sending", e.g. a takeover made it "unknown".
   */
  recordOutcome(id: number, userId: number, outcome: DeliveryOutcome, deadAfter: number, now: Date): boolean {
    const { statements } = this;
    const failure = outcome.state === "failed" ? outcome : undefined;
    return this.db.transaction(() => {
      const changed = statements.setOutcome.run({
        mailingId: id,
        userId,
        state: outcome.state,
        errorKind: failure?.errorKind ?? null,
        errorDescription: failure?.description ?? null,
        pollId: outcome.state === "sent" ? (outcome.pollId ?? null) : null,
        now,
      });
      if (changed.changes !== 1) return false;
      let newlyDead = 0;
      let revived = 0;
      const user =
        outcome.state === "sent" || failure?.unreachable ? statements.liveness.get({ userId }) : undefined;
      if (user) {
        const next = nextLiveness(
          { failedDeliveries: user.failedDeliveries, dead: user.deadAt !== null },
          outcome.state === "sent" ? "delivered" : "unreachable",
          deadAfter,
        );
        const stillDead = next.dead && !next.becameDead;
        statements.setLiveness.run({
          userId,
          failedDeliveries: next.failedDeliveries,
          deadAtMs: next.becameDead ? now.getTime() : stillDead ? (user.deadAt?.getTime() ?? null) : null,
          deadReason: next.becameDead
            ? (failure?.errorKind ?? "unreachable")
            : stillDead
              ? user.deadReason
              : null,
        });
        newlyDead = next.becameDead ? 1 : 0;
        revived = next.revived ? 1 : 0;
      }
      statements.count.run({
        mailingId: id,
        sent: outcome.state === "sent" ? 1 : 0,
        failed: outcome.state === "failed" ? 1 : 0,
        newlyDead,
        revived,
      });
      return true;
    });
  }

  /** After a crash: deliveries caught in flight become "unknown" (never resent) and are counted. */
  recoverInFlight(now: Date): Array<{ mailingId: number; unknown: number }> {
    return this.db.transaction((tx) => {
      const stuck = tx
        .select({ mailingId: deliveries.mailingId, n: count() })
        .from(deliveries)
        .where(eq(deliveries.state, "sending"))
        .groupBy(deliveries.mailingId)
        .all();
      for (const { mailingId, n } of stuck) {
        tx.update(deliveries)
          .set({ state: "unknown", updatedAt: now })
          .where(and(eq(deliveries.mailingId, mailingId), eq(deliveries.state, "sending")))
          .run();
        tx.update(mailings)
          .set({ unknown: sql`${mailings.unknown} + ${n}` })
          .where(eq(mailings.id, mailingId))
          .run();
      }
      return stuck.map(({ mailingId, n }) => ({ mailingId, unknown: n }));
    });
  }

  /** Marks a running mailing finished once nothing is pending or in flight. */
  completeIfDone(id: number, now: Date): boolean {
    return this.db.transaction((tx) => {
      const open = tx
        .select({ n: count() })
        .from(deliveries)
        .where(and(eq(deliveries.mailingId, id), inArray(deliveries.state, ["pending", "sending"])))
        .get();
      if ((open?.n ?? 0) > 0) return false;
      return (
        tx
          .update(mailings)
          .set({ status: "completed", finishedAt: now })
          .where(and(eq(mailings.id, id), eq(mailings.status, "running")))
          .run().changes === 1
      );
    });
  }

  /** Failures by error class, for the report. */
  failureBreakdown(id: number): Array<{ errorKind: string; count: number }> {
    return this.db
      .select({ errorKind: deliveries.errorKind, count: count() })
      .from(deliveries)
      .where(
        and(eq(deliveries.mailingId, id), eq(deliveries.state, "failed"), isNotNull(deliveries.errorKind)),
      )
      .groupBy(deliveries.errorKind)
      .orderBy(desc(count()))
      .all()
      .map((r) => ({ errorKind: r.errorKind as string, count: r.count }));
  }

  /** Every delivery of a mailing in user order, in pages, for the per-recipient CSV. */
  *deliveriesOf(id: number, pageSize = 1000): Generator<DeliveryRecord> {
    let after = 0;
    for (;;) {
      const page = this.db
        .select()
        .from(deliveries)
        .where(and(eq(deliveries.mailingId, id), gt(deliveries.userId, after)))
        .orderBy(asc(deliveries.userId))
        .limit(pageSize)
        .all();
      yield* page;
      if (page.length < pageSize) return;
      after = (page.at(-1) as DeliveryRecord).userId;
    }
  }
}
