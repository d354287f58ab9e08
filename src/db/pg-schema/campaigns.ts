import { pgTable, text } from "drizzle-orm/pg-core";
import { serialId, telegramId, timestampMs } from "./columns.js";

/** Admin referral links: `t.me/<bot>?start=a<code>`, one per advertising campaign. */
export const campaigns = pgTable("campaigns", {
  id: serialId("id"),
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
  createdBy: telegramId("created_by"),
  createdAt: timestampMs("created_at").notNull(),
});
