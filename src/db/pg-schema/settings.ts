import { jsonb, pgTable, text } from "drizzle-orm/pg-core";

/** Typed settings, one JSON document per key; the settings module validates and fills defaults. */
export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
});
