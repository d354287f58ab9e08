import { pgTable } from "drizzle-orm/pg-core";
import { telegramId, timestampMs } from "./columns.js";

/** Admins added by owners from the menu; owners themselves come from ADMIN_IDS and are not stored. */
export const admins = pgTable("admins", {
  userId: telegramId("user_id").primaryKey(),
  addedBy: telegramId("added_by").notNull(),
  addedAt: timestampMs("added_at").notNull(),
});
