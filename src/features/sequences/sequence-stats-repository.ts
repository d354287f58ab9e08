import { and, count, countDistinct, eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import {
  linkClicks,
  type SequenceStepRecord,
  sequencePollAnswers,
  sequenceSends,
  sequenceSubscriptions,
} from "../../db/schema/index.js";

/** One step's numbers: its sends by outcome, the clicks on its links, its poll's voters and the users who stopped at it. */
export interface StepStats {
  stepId: number;
  position: number;
  sent: number;
  failed: number;
  unknown: number;
  /** Counted follows of the step's tracked links (URL and form buttons; with PUBLIC_URL only). */
  clicks: number;
  /** Subscribers who answered the step's poll (0 for other steps). */
  voters: number;
  unsubscribes: number;
}

/** A sequence's subscribers by status and its steps' numbers. */
export interface SequenceStats {
  active: number;
  completed: number;
  stopped: number;
  steps: StepStats[];
}

/** Subscribers of a sequence by status, and per step its numbers (see StepStats). */
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
    const clicks =
      db.select({ n: count() }).from(linkClicks).where(eq(linkClicks.stepId, step.id)).get()?.n ?? 0;
    const voters =
      step.content.type === "poll"
        ? (db
            .select({ n: countDistinct(sequencePollAnswers.userId) })
            .from(sequencePollAnswers)
            .where(eq(sequencePollAnswers.stepId, step.id))
            .get()?.n ?? 0)
        : 0;
    return {
      stepId: step.id,
      position: step.position,
      sent: sendsOf("sent"),
      failed: sendsOf("failed"),
      unknown: sendsOf("unknown"),
      clicks,
      voters,
      unsubscribes,
    };
  });
  return { active: of("active"), completed: of("completed"), stopped: of("stopped"), steps };
}
