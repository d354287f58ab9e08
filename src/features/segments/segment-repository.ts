import { and, asc, count, desc, gt, lt } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { type UserRecord, users } from "../../db/schema/index.js";
import { segmentCondition } from "./compile.js";
import type { Segment } from "./tree.js";

/** Where segments are evaluated: relative times count back from `now()`, days are days in `timeZone()`. */
export interface SegmentClock {
  now: () => Date;
  timeZone: () => string;
}

/** Below every user id, surrogate (negative) ones included: where a walk through a segment starts. */
export const beforeFirstUser = Number.MIN_SAFE_INTEGER;

/** The users a segment selects: counted, paged by id, or walked in batches without holding them all. */
export class SegmentRepository {
  constructor(
    private readonly db: Db,
    private readonly clock: SegmentClock,
  ) {}

  private condition(tree: Segment) {
    return segmentCondition(tree, this.clock.now(), this.clock.timeZone());
  }

  /** How many users the segment selects now. */
  countSegment(tree: Segment): number {
    return this.db.select({ n: count() }).from(users).where(this.condition(tree)).get()?.n ?? 0;
  }

  /** Up to `limit` selected users with ids above `afterId`, in id order (keyset paging). */
  pageOfSegment(tree: Segment, afterId: number, limit: number): UserRecord[] {
    return this.db
      .select()
      .from(users)
      .where(and(gt(users.id, afterId), this.condition(tree)))
      .orderBy(asc(users.id))
      .limit(limit)
      .all();
  }

  /** Up to `limit` selected users with ids below `beforeId`, in id order: the page before (◀). */
  pageBeforeInSegment(tree: Segment, beforeId: number, limit: number): UserRecord[] {
    return this.db
      .select()
      .from(users)
      .where(and(lt(users.id, beforeId), this.condition(tree)))
      .orderBy(desc(users.id))
      .limit(limit)
      .all()
      .reverse();
  }

  /** The ids of every selected user, in id order, a batch at a time: memory stays flat for any size. */
  *idsOfSegment(tree: Segment, batchSize = 1000): Generator<number[]> {
    const condition = this.condition(tree);
    let afterId = beforeFirstUser;
    for (;;) {
      const batch = this.db
        .select({ id: users.id })
        .from(users)
        .where(and(gt(users.id, afterId), condition))
        .orderBy(asc(users.id))
        .limit(batchSize)
        .all()
        .map((row) => row.id);
      if (batch.length === 0) return;
      yield batch;
      if (batch.length < batchSize) return;
      afterId = batch[batch.length - 1] as number;
    }
  }
}
