import { and, asc, between, eq, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { mailingVariants, users } from "../../db/schema/index.js";
import type { MailingVariant } from "./mailing-variants.js";

/** The variants of mailings, and which users of a stretch of ids a variant's segment selects. */
export class MailingVariantRepository {
  constructor(private readonly db: Db) {}

  /** Stores a new mailing's variants in order (inside the caller's transaction). */
  add(mailingId: number, variants: readonly Omit<MailingVariant, "position">[]): void {
    if (variants.length === 0) return;
    this.db
      .insert(mailingVariants)
      .values(variants.map((v, position) => ({ mailingId, position, ...v })))
      .run();
  }

  /** A mailing's variants, first to match first. */
  list(mailingId: number): MailingVariant[] {
    return this.db
      .select({
        position: mailingVariants.position,
        segment: mailingVariants.segment,
        timeZone: mailingVariants.timeZone,
        content: mailingVariants.content,
      })
      .from(mailingVariants)
      .where(eq(mailingVariants.mailingId, mailingId))
      .orderBy(asc(mailingVariants.position))
      .all();
  }

  /** The ids from `fromId` to `toId` that a (compiled) segment condition selects. */
  selectedBetween(condition: SQL, fromId: number, toId: number): Set<number> {
    const rows = this.db
      .select({ id: users.id })
      .from(users)
      .where(and(between(users.id, fromId, toId), condition))
      .all();
    return new Set(rows.map((row) => row.id));
  }
}
