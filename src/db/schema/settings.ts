import { sqliteTable, text } from "drizzle-orm/sqlite-core";

/** Typed settings, one JSON document per key; the settings module validates and fills defaults. */
export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value", { mode: "json" }).notNull(),
});
