import { integer, sqliteTable } from "drizzle-orm/sqlite-core";

/** Admins added by owners from the menu; owners themselves come from ADMIN_IDS and are not stored. */
export const admins = sqliteTable("admins", {
  userId: integer("user_id").primaryKey(),
  addedBy: integer("added_by").notNull(),
  addedAt: integer("added_at", { mode: "timestamp_ms" }).notNull(),
});
