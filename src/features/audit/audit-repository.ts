import { count, desc, lt } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { type AuditEntry, auditLog } from "../../db/schema/index.js";
import type { Actor } from "./audit-log.js";

/** The stored records this feature hands to menus and routes. */
export type { AuditEntry } from "../../db/schema/index.js";

export interface AuditRecordInput {
  actor: Actor;
  action: string;
  before?: unknown;
  after?: unknown;
}

/** Appends to and reads the audit log. */
export class AuditLog {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  record(input: AuditRecordInput): void {
    const actor = input.actor;
    this.db
      .insert(auditLog)
      .values({
        actorId: actor.kind === "admin" ? actor.id : null,
        actorLabel: actor.kind === "admin" ? String(actor.id) : actor.label,
        action: input.action,
        before: input.before ?? null,
        after: input.after ?? null,
        at: this.now(),
      })
      .run();
  }

  recent(limit = 50): AuditEntry[] {
    return this.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(limit).all();
  }

  /** How many entries there are in all. */
  count(): number {
    return this.db.select({ n: count() }).from(auditLog).get()?.n ?? 0;
  }

  /** Up to `limit` entries older than entry `beforeId` (all when undefined), newest first: keyset pages. */
  before(beforeId: number | undefined, limit: number): AuditEntry[] {
    return this.db
      .select()
      .from(auditLog)
      .where(beforeId === undefined ? undefined : lt(auditLog.id, beforeId))
      .orderBy(desc(auditLog.id))
      .limit(limit)
      .all();
  }

  /** One page of entries, newest first: `limit` entries after skipping the `offset` newest. */
  page(offset: number, limit: number): AuditEntry[] {
    return this.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(limit).offset(offset).all();
  }
}
