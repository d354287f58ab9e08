import { and, count, eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { type SequenceStepRecord, sequenceSends, sequenceSubscriptions } from "../../db/schema/index.js";

/** One step's numbers: its sends by outcome and the users who stopped at it. */
export interface StepStats {
  stepId: number;
  position: number;
  sent: number;
  failed: number;
  unknown: number;
  unsubscribes: number;
}

/** A sequence's subscribers by status and its steps' numbers. */
export interface SequenceStats {
  active: number;
  completed: number;
  stopped: number;
  steps: StepStats[];
}

/** Subscribers of a sequence by status, and per step its sends by outcome and the users who stopped at it. */
export function readSequenceStats(
  db: Db,
  sequenceId: number,
  ofSteps: readonly SequenceStepRecord[],
): SequenceStats {
  const byStatus = db
    .select({ status: sequenceSubscriptions.status, n: count() })
    .from(sequenceSubscriptions)
    .where(eq(sequenceSubscriptions.sequenceId, sequenceId))
    .groupBy(sequenceSubscriptions.status)
    .all();
  const of = (status: string) => byStatus.find((row) => row.status === status)?.n ?? 0;
  const steps = ofSteps.map((step): StepStats => {
    const sends = db
      .select({ status: sequenceSends.status, n: count() })
      .from(sequenceSends)
      .where(eq(sequenceSends.stepId, step.id))
      .groupBy(sequenceSends.status)
      .all();
    const sendsOf = (status: string) => sends.find((row) => row.status === status)?.n ?? 0;
    const unsubscribes =
      db
        .select({ n: count() })
        .from(sequenceSubscriptions)
        .where(
          and(
            eq(sequenceSubscriptions.sequenceId, sequenceId),
            eq(sequenceSubscriptions.stoppedStepId, step.id),
          ),
        )
        .get()?.n ?? 0;
    return {
      stepId: step.id,
      position: step.position,
      sent: sendsOf("sent"),
      failed: sendsOf("failed"),
      unknown: sendsOf("unknown"),
      unsubscribes,
    };
  });
  return { active: of("active"), completed: of("completed"), stopped: of("stopped"), steps };
}
