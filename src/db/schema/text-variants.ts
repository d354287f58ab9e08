import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { VariantContent } from "../../features/variants/variant-subject.js";

/**
 * An admin-written text in one language (welcome, a gate text, a deeplink's content, a form
 * question, a sequence step): users of that language get it instead of the default.
 */
export const textVariants = sqliteTable(
  "text_variants",
  {
    /** Which text: a settings text's name, `deeplink:<code>`, `question:<id>` or `step:<id>`. */
    subject: text("subject").notNull(),
    /** A primary language subtag, lower case (`ru`, `pt`). */
    language: text("language").notNull(),
    content: text("content", { mode: "json" }).$type<VariantContent>().notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
    /** The admin who wrote it last; null when the API or the command line did. */
    updatedBy: integer("updated_by"),
  },
  (t) => [primaryKey({ columns: [t.subject, t.language] })],
);

export type TextVariantRecord = typeof textVariants.$inferSelect;
