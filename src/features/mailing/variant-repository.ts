import { and, asc, between, eq, gte, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { deliveries, mailingVariants, users } from "../../db/schema/index.js";
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

  /**
   * The user id of the mailing's `size`-th recipient from `fromUserId` on (in id order), or the
   * largest id when fewer follow: the end of the stretch whose variants are read at once.
   */
  stretchEnd(mailingId: number, fromUserId: number, size: number): number {
    const row = this.db
      .select({ userId: deliveries.userId })
      .from(deliveries)
      .where(and(eq(deliveries.mailingId, mailingId), gte(deliveries.userId, fromUserId)))
      .orderBy(asc(deliveries.userId))
      .limit(1)
      .offset(size - 1)
      .get();
    return row?.userId ?? Number.MAX_SAFE_INTEGER;
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
