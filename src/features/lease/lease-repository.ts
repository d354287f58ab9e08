import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { type LeaseRecord, leases } from "../../db/schema/index.js";

/** Who a holder is: a random id per process, and where to find it (for logs and the liveness check). */
export interface LeaseHolder {
  id: string;
  pid: number;
  host: string;
}

/** The leases table. Each change is one statement, so two processes racing for a lease cannot both win. */
export class LeaseRepository {
  constructor(private readonly db: Db) {}

  find(name: string): LeaseRecord | undefined {
    return this.db.select().from(leases).where(eq(leases.name, name)).get();
  }

  /**
   * Takes the lease when it is free, already ours, renewed before `expiredBefore`, or still held by
   * `replacing` (a holder the caller found dead): true when this process holds it now.
   */
  acquire(name: string, self: LeaseHolder, now: Date, expiredBefore: Date, replacing?: string): boolean {
    const row = { name, holder: self.id, pid: self.pid, host: self.host, acquiredAt: now, renewedAt: now };
    const takeable = sql`${leases.holder} = ${self.id} OR ${leases.renewedAt} < ${expiredBefore.getTime()}${
      replacing === undefined ? sql`` : sql` OR ${leases.holder} = ${replacing}`
    }`;
    return (
      this.db
        .insert(leases)
        .values(row)
        .onConflictDoUpdate({ target: leases.name, set: row, setWhere: takeable })
        .run().changes === 1
    );
  }

  /** Extends our hold; false when someone else holds the lease now (it expired and was taken). */
  renew(name: string, holderId: string, now: Date): boolean {
    return (
      this.db
        .update(leases)
        .set({ renewedAt: now })
        .where(and(eq(leases.name, name), eq(leases.holder, holderId)))
        .run().changes === 1
    );
  }

  /** Gives the lease up (a clean stop), so a waiting process takes over at once. */
  release(name: string, holderId: string): void {
    this.db
      .delete(leases)
      .where(and(eq(leases.name, name), eq(leases.holder, holderId)))
      .run();
  }
}
