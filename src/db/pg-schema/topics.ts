import { bigint, index, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { topicSources } from "../schema/topics.js";
import { serialId, telegramId, timestampMs } from "./columns.js";
import { users } from "./users.js";

/** Named topics users subscribe to ("News", "Deals"). */
export const topics = pgTable("topics", {
  id: serialId("id"),
  name: text("name").notNull(),
  nameKey: text("name_key").notNull().unique(),
  description: text("description").notNull().default(""),
  createdAt: timestampMs("created_at").notNull(),
});

/** Who is subscribed to which topic, since when and through what. */
export const userTopics = pgTable(
  "user_topics",
  {
    topicId: bigint("topic_id", { mode: "number" })
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
    userId: telegramId("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    source: text("source", { enum: topicSources }).notNull(),
    createdAt: timestampMs("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.topicId, t.userId] }), index("user_topics_user_idx").on(t.userId)],
);
