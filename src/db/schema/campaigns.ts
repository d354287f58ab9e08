import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** Admin referral links: `t.me/<bot>?start=a<code>`, one per advertising campaign. */
export const campaigns = sqliteTable("campaigns", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
  createdBy: integer("created_by"),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
});

export type CampaignRecord = typeof campaigns.$inferSelect;
