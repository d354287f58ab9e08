import { bigint, integer, jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import type { VariantContent } from "../../features/mailing/mailing-variants.js";
import { mailings } from "./mailings.js";

/** Another content of a mailing for the users a segment selects. */
export const mailingVariants = pgTable(
  "mailing_variants",
  {
    mailingId: bigint("mailing_id", { mode: "number" })
      .notNull()
      .references(() => mailings.id, { onDelete: "cascade" }),
    position: bigint("position", { mode: "number" }).notNull(),
    segment: text("segment").notNull(),
    timeZone: text("time_zone").notNull(),
    content: jsonb("content").$type<VariantContent>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.mailingId, t.position] })],
);
