import { and, desc, eq, lt, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { type MailingRecord, mailings } from "../../db/schema/index.js";
import type { MailingKind } from "./mailing-repository.js";

export interface MailingPageQuery {
  kind?: MailingKind | undefined;
  limit: number;
  /** Only mailings older than this id (keyset paging); wins over `offset`. */
  beforeId?: number | undefined;
  offset?: number | undefined;
}

/** One page of mailings, newest first, optionally of one kind. */
export function listMailings(db: Db, query: MailingPageQuery): MailingRecord[] {
  const conditions: SQL[] = [];
  if (query.kind) conditions.push(eq(mailings.kind, query.kind));
  if (query.beforeId !== undefined) conditions.push(lt(mailings.id, query.beforeId));
  return db
    .select()
    .from(mailings)
    .where(and(...conditions))
    .orderBy(desc(mailings.id))
    .limit(query.limit)
    .offset(query.beforeId === undefined ? (query.offset ?? 0) : 0)
    .all();
}
