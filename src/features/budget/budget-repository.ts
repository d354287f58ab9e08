import { and, eq, lt, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { type BudgetInstanceRecord, budgetClock, budgetInstances } from "../../db/schema/index.js";

/** What one instance reads at its check-in. */
export interface BudgetCheckIn {
  /** Every instance's row, its own as just written and the stale ones too (a dead one's pause still counts). */
  rows: BudgetInstanceRecord[];
  /** The last turn the clock gave (µs since the epoch); undefined when it never gave one. */
  lastTurnUs: number | undefined;
}

/** The budget_instances and budget_clock tables, each change one statement or one transaction. */
export class BudgetRepository {
  constructor(private readonly db: Db) {}

  /**
   * Writes that `instance` is alive at `seenAt`, sharing the clock when another instance's row is
   * there (a stale one too, until it is forgotten), and reads every row and the clock. In one
   * transaction, so of two instances checking in at once the second sees the first: neither takes
   * itself to be alone while the other shares.
   */
  checkIn(instance: string, seenAt: Date): BudgetCheckIn {
    return this.db.transaction((tx) => {
      // Written first: the write lock is taken before anything is read.
      const others = sql`exists (select 1 from ${budgetInstances} where ${budgetInstances.instance} <> ${instance})`;
      tx.insert(budgetInstances)
        .values({ instance, seenAt, sharing: others, pausedUntil: new Date(0) })
        .onConflictDoUpdate({ target: budgetInstances.instance, set: { seenAt, sharing: others } })
        .run();
      const rows = tx.select().from(budgetInstances).orderBy(budgetInstances.instance).all();
      const clock = tx.select({ lastTurnUs: budgetClock.lastTurnUs }).from(budgetClock).get();
      return { rows, lastTurnUs: clock?.lastTurnUs };
    });
  }

  /**
   * Takes the next turn of the one limit: `spacingUs` after the last one given, and not before
   * `earliestUs`. One statement, so two instances never get the same turn. Returns its time (µs).
   */
  takeTurn(earliestUs: number, spacingUs: number): number {
    const next = sql`case when ${budgetClock.lastTurnUs} + ${spacingUs} > ${earliestUs}
      then ${budgetClock.lastTurnUs} + ${spacingUs} else ${earliestUs} end`;
    const turn = this.db
      .insert(budgetClock)
      .values({ id: 1, lastTurnUs: earliestUs })
      .onConflictDoUpdate({ target: budgetClock.id, set: { lastTurnUs: next } })
      .returning({ at: budgetClock.lastTurnUs })
      .get();
    return (turn as { at: number }).at;
  }

  /** Telegram answered this instance 429: every instance waits until `until` (a longer pause is kept). */
  pause(instance: string, until: Date): void {
    this.db
      .update(budgetInstances)
      .set({ pausedUntil: until })
      .where(and(eq(budgetInstances.instance, instance), lt(budgetInstances.pausedUntil, until)))
      .run();
  }

  /** Removes an instance's row: its own at a clean stop, or one long gone whose pause is over. */
  forget(instance: string): void {
    this.db.delete(budgetInstances).where(eq(budgetInstances.instance, instance)).run();
  }
}
