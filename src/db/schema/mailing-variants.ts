import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { VariantContent } from "../../features/mailing/mailing-variants.js";
import { mailings } from "./mailings.js";

/**
 * Another content of a mailing for the users a segment selects: a recipient gets the first variant
 * (by position) whose segment selects them, else the mailing's own content.
 */
export const mailingVariants = sqliteTable(
  "mailing_variants",
  {
    mailingId: integer("mailing_id")
      .notNull()
      .references(() => mailings.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    /** Segment text, as `printSegment` writes it. */
    segment: text("segment").notNull(),
    /** The time zone the segment's days and wall-clock times mean. */
    timeZone: text("time_zone").notNull(),
    content: text("content", { mode: "json" }).$type<VariantContent>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.mailingId, t.position] })],
);

export type MailingVariantRecord = typeof mailingVariants.$inferSelect;
