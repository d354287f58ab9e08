import { and, asc, count, desc, getTableColumns, gt, lt, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { type UserRecord, users } from "../../db/schema/index.js";
import { type SortColumn, type SortPosition, sortColumns, type UserOrder } from "../users/user-sorts.js";
import { segmentCondition } from "./compile.js";
import type { Segment } from "./tree.js";

/** Where segments are evaluated: relative times count back from `now()`, days are days in `timeZone()`. */
export interface SegmentClock {
  now: () => Date;
  timeZone: () => string;
}

/** Below every user id, surrogate (negative) ones included: where a walk through a segment starts. */
export const beforeFirstUser = Number.MIN_SAFE_INTEGER;

/** A user of a sorted page, with where they stand in its order (what the next page starts after). */
export interface SortedUser {
  user: UserRecord;
  position: SortPosition;
}

/** The users a segment selects: counted, paged by id or by a sort, or walked in batches without holding them all. */
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

  /**
   * Up to `limit` selected users after `after` (none: from the start) in `order`, keyset paged:
   * first the users with a value, then those without (ordered by id). Two queries rather than one
   * NULLS LAST order, so that each can walk its column's index in either direction on both databases.
   */
  sortedPageOfSegment(
    tree: Segment,
    order: UserOrder,
    after: SortPosition | undefined,
    limit: number,
  ): SortedUser[] {
    const column = sortColumns[order.sort];
    const condition = this.condition(tree);
    const valued = after?.value === null ? [] : this.valuedPage(condition, column, order, after, limit);
    if (valued.length === limit || !column.nullable) return valued;
    const afterId = after?.value === null ? after.id : undefined;
    return [...valued, ...this.unvaluedPage(condition, column, order, afterId, limit - valued.length)];
  }

  private valuedPage(
    condition: SQL,
    column: SortColumn,
    { descending }: UserOrder,
    after: SortPosition | undefined,
    limit: number,
  ): SortedUser[] {
    const { expression } = column;
    const beyond = descending ? sql.raw("<") : sql.raw(">");
    const keyset = after
      ? sql`(${expression} ${beyond} ${after.value} OR (${expression} = ${after.value} AND ${users.id} ${beyond} ${after.id}))`
      : undefined;
    const direction = descending ? desc : asc;
    return this.db
      .select({ ...getTableColumns(users), sortValue: expression })
      .from(users)
      .where(and(column.nullable ? sql`${expression} IS NOT NULL` : undefined, keyset, condition))
      .orderBy(direction(expression), direction(users.id))
      .limit(limit)
      .all()
      .map(({ sortValue, ...user }) => ({
        user,
        position: { value: column.kind === "number" ? Number(sortValue) : String(sortValue), id: user.id },
      }));
  }

  private unvaluedPage(
    condition: SQL,
    column: SortColumn,
    { descending }: UserOrder,
    afterId: number | undefined,
    limit: number,
  ): SortedUser[] {
    const keyset =
      afterId === undefined ? undefined : descending ? lt(users.id, afterId) : gt(users.id, afterId);
    return this.db
      .select()
      .from(users)
      .where(and(sql`${column.expression} IS NULL`, keyset, condition))
      .orderBy(descending ? desc(users.id) : asc(users.id))
      .limit(limit)
      .all()
      .map((user) => ({ user, position: { value: null, id: user.id } }));
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
