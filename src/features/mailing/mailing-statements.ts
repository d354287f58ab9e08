import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { setPlaceholder } from "../../db/prepared.js";
import { deliveries, leases, mailings, users } from "../../db/schema/index.js";
import { activeLeaseName } from "../lease/instance-lease.js";

/** The statements run for every delivery, compiled once: at 1000 messages/s, building SQL per call costs more than sending. */
export function prepareDeliveryStatements(db: Db) {
  const mailingId = sql.placeholder("mailingId");
  const userId = sql.placeholder("userId");
  const now = setPlaceholder("now");
  const delivery = and(eq(deliveries.mailingId, mailingId), eq(deliveries.userId, userId));
  const holder = sql.placeholder("leaseHolder");
  // A process that lost the instance lease (stalled past its life) can no longer start a send.
  // CAST: PostgreSQL must know each parameter's type, and IS NULL alone does not tell it.
  const holdsLease = sql`(CAST(${holder} AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM ${leases}
    WHERE ${leases.name} = ${activeLeaseName} AND ${leases.holder} = ${holder}))`;
  // Checked in the same statement as the mark, not read before it: a pause or cancel committed
  // first stops the send, and on PostgreSQL a delivery costs one round trip less.
  const stillRunning = sql`EXISTS (SELECT 1 FROM ${mailings} WHERE ${mailings.id} = ${mailingId} AND ${mailings.status} = 'running')`;
  return {
    status: db.select({ status: mailings.status }).from(mailings).where(eq(mailings.id, mailingId)).prepare(),
    markSending: db
      .update(deliveries)
      .set({ state: "sending", attempts: sql`${deliveries.attempts} + 1`, updatedAt: now })
      .where(and(delivery, eq(deliveries.state, "pending"), stillRunning, holdsLease))
      .prepare(),
    markRetry: db
      .update(deliveries)
      .set({ state: "pending", updatedAt: now })
      .where(and(delivery, eq(deliveries.state, "sending")))
      .prepare(),
    setOutcome: db
      .update(deliveries)
      .set({
        state: setPlaceholder("state"),
        errorKind: setPlaceholder("errorKind"),
        errorDescription: setPlaceholder("errorDescription"),
        pollId: setPlaceholder("pollId"),
        updatedAt: now,
      })
      // Only a delivery this process has in flight: an outcome never overwrites "unknown" or itself.
      .where(and(delivery, eq(deliveries.state, "sending")))
      .prepare(),
    liveness: db
      .select({
        failedDeliveries: users.failedDeliveries,
        deadAt: users.deadAt,
        deadReason: users.deadReason,
      })
      .from(users)
      .where(eq(users.id, userId))
      .prepare(),
    setLiveness: db
      .update(users)
      .set({
        failedDeliveries: setPlaceholder("failedDeliveries"),
        // Wrapped: drizzle's date encoder cannot take a null placeholder, so the time goes in as milliseconds.
        deadAt: sql`${sql.placeholder("deadAtMs")}`,
        deadReason: setPlaceholder("deadReason"),
      })
      .where(eq(users.id, userId))
      .prepare(),
    count: db
      .update(mailings)
      .set({
        sent: sql`${mailings.sent} + ${sql.placeholder("sent")}`,
        failed: sql`${mailings.failed} + ${sql.placeholder("failed")}`,
        newlyDead: sql`${mailings.newlyDead} + ${sql.placeholder("newlyDead")}`,
        revived: sql`${mailings.revived} + ${sql.placeholder("revived")}`,
      })
      .where(eq(mailings.id, mailingId))
      .prepare(),
  };
}

/** What the engine asks every second even when idle, compiled once rather than built each time. */
export function prepareTickStatements(db: Db) {
  return {
    promoteDue: db
      .update(mailings)
      .set({ status: "queued" })
      // Milliseconds, as the column stores them: a placeholder in a condition is bound as given.
      .where(and(eq(mailings.status, "scheduled"), lte(mailings.scheduledAt, sql.placeholder("nowMs"))))
      .prepare(),
    nextToRun: db
      .select()
      .from(mailings)
      .where(and(eq(mailings.kind, sql.placeholder("kind")), inArray(mailings.status, ["running", "queued"])))
      .orderBy(sql`CASE ${mailings.status} WHEN 'running' THEN 0 ELSE 1 END`, asc(mailings.id))
      .limit(1)
      .prepare(),
  };
}
