import { jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import type { VariantContent } from "../../features/variants/variant-subject.js";
import { telegramId, timestampMs } from "./columns.js";

/** An admin-written text in one language; users of that language get it instead of the default. */
export const textVariants = pgTable(
  "text_variants",
  {
    subject: text("subject").notNull(),
    language: text("language").notNull(),
    content: jsonb("content").$type<VariantContent>().notNull(),
    updatedAt: timestampMs("updated_at").notNull(),
    updatedBy: telegramId("updated_by"),
  },
  (t) => [primaryKey({ columns: [t.subject, t.language] })],
);
