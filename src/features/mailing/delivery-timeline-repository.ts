import { and, count, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { deliveries } from "../../db/schema/index.js";
import type { MailingRecord } from "./mailing-repository.js";

/** How a finished delivery ended: sent, refused for good by the user (blocked, deleted account), another error, or lost in a crash. */
export const timelineOutcomes = ["delivered", "blocked", "failed", "unknown"] as const;
export type TimelineOutcome = (typeof timelineOutcomes)[number];

/** Deliveries of one outcome finished within one step starting at `at`. */
export interface TimelinePoint {
  at: Date;
  outcome: TimelineOutcome;
  deliveries: number;
}

/** A mailing's finished deliveries by outcome, in steps of `stepMs` from its start. */
export interface DeliveryTimeline {
  stepMs: number;
  points: TimelinePoint[];
}

/** The steps a timeline may take, shortest first. */
export const timelineSteps = [10_000, 60_000, 300_000, 900_000, 3_600_000, 21_600_000, 86_400_000] as const;
/** At most this many steps across a mailing, so its bars stay readable. */
const maxSteps = 60;

/** The shortest step that spans `durationMs` in at most 60 steps (a day beyond that). */
export function timelineStep(durationMs: number): number {
  return timelineSteps.find((step) => durationMs / step <= maxSteps) ?? 86_400_000;
}

const literal = (n: number) => sql.raw(String(Math.trunc(n)));

/** When a mailing's deliveries finished, for the report's chart. */
export class DeliveryTimelineRepository {
  constructor(private readonly db: Db) {}

  /**
   * Finished deliveries of `m` by step (from its start to its end, or to `now` while it runs) and
   * outcome; a delivery with no time of its own counts at the start. Empty before the mailing starts.
   */
  timeline(m: Pick<MailingRecord, "id" | "startedAt" | "finishedAt">, now: Date): DeliveryTimeline {
    const start = m.startedAt?.getTime();
    if (start === undefined) return { stepMs: timelineSteps[0], points: [] };
    const stepMs = timelineStep((m.finishedAt ?? now).getTime() - start);
    // Constants are inlined: PostgreSQL takes two equal expressions with separate parameters as different.
    const step = sql<number>`(coalesce(${deliveries.updatedAt}, ${literal(start)}) - ${literal(start)}) / ${literal(stepMs)}`;
    const outcome = sql<TimelineOutcome>`case when ${deliveries.state} = 'sent' then 'delivered' when ${deliveries.errorKind} in ('blocked', 'deactivated') then 'blocked' when ${deliveries.state} = 'failed' then 'failed' else 'unknown' end`;
    const rows = this.db
      .select({ step, outcome, deliveries: count() })
      .from(deliveries)
      .where(and(eq(deliveries.mailingId, m.id), inArray(deliveries.state, ["sent", "failed", "unknown"])))
      .groupBy(step, outcome)
      .all();
    const points = rows
      .map((r) => ({
        at: new Date(start + Math.max(0, Number(r.step)) * stepMs),
        outcome: r.outcome,
        deliveries: r.deliveries,
      }))
      .sort(
        (a, b) =>
          a.at.getTime() - b.at.getTime() ||
          timelineOutcomes.indexOf(a.outcome) - timelineOutcomes.indexOf(b.outcome),
      );
    return { stepMs, points };
  }
}
