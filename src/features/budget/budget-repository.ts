import { and, eq, lt } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { type BudgetShareRecord, budgetShares } from "../../db/schema/index.js";
import type { Priority } from "../../telegram/outgoing/priority.js";

/** One instance's row as it publishes it. */
export interface BudgetDemandRow {
  instance: string;
  wants: Record<Priority, number>;
  queued: number;
  seenAt: Date;
}

/** The budget_shares table: one row per sending instance, each changed by one statement. */
export class BudgetRepository {
  constructor(private readonly db: Db) {}

  /** Writes this instance's demand and that it is alive; a 429 pause it recorded stays. */
  publish(row: BudgetDemandRow): void {
    const values = {
      wantsReply: row.wants.reply,
      wantsAlert: row.wants.alert,
      wantsBroadcast: row.wants.broadcast,
      queued: row.queued,
      seenAt: row.seenAt,
    };
    this.db
      .insert(budgetShares)
      .values({ instance: row.instance, ...values, pausedUntil: new Date(0) })
      .onConflictDoUpdate({ target: budgetShares.instance, set: values })
      .run();
  }

  /** Every row, the stale ones too: the table holds one per instance, and a dead one's pause still counts. */
  all(): BudgetShareRecord[] {
    return this.db.select().from(budgetShares).all();
  }

  /** Telegram answered this instance 429: every instance waits until `until` (a longer pause is kept). */
  pause(instance: string, until: Date): void {
    this.db
      .update(budgetShares)
      .set({ pausedUntil: until })
      .where(and(eq(budgetShares.instance, instance), lt(budgetShares.pausedUntil, until)))
      .run();
  }

  /** Removes an instance's row: its own at a clean stop, or one long gone whose pause is over. */
  forget(instance: string): void {
    this.db.delete(budgetShares).where(eq(budgetShares.instance, instance)).run();
  }
}
