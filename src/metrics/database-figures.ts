import { and, count, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { deliveries, mailings } from "../db/schema/index.js";

/** Pending deliveries of mailings that will still send (queued, running, paused), by mailing kind. */
export function mailingQueueDepth(db: Db): Partial<Record<string, number>> {
  const rows = db
    .select({ kind: mailings.kind, n: count() })
    .from(deliveries)
    .innerJoin(mailings, eq(mailings.id, deliveries.mailingId))
    .where(and(inArray(mailings.status, ["queued", "running", "paused"]), eq(deliveries.state, "pending")))
    .groupBy(mailings.kind)
    .all();
  return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
}

/** Mailings per `kind:status` (mailings_status_idx). */
export function mailingsByStatus(db: Db): Partial<Record<string, number>> {
  const rows = db
    .select({ kind: mailings.kind, status: mailings.status, n: count() })
    .from(mailings)
    .groupBy(mailings.kind, mailings.status)
    .all();
  return Object.fromEntries(rows.map((r) => [`${r.kind}:${r.status}`, r.n]));
}
