import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "./users.js";

/** Named topics users subscribe to ("News", "Deals"); mailings to `topic:<name>` reach the subscribers. */
export const topics = sqliteTable("topics", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull(),
  /** The name in lower case: names are unique regardless of case, and segments find topics by it. */
  nameKey: text("name_key").notNull().unique(),
  description: text("description").notNull().default(""),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
});

export type TopicRecord = typeof topics.$inferSelect;

/** What subscribed a user: their own /topics press, a deeplink, a form, an admin or the API. */
export const topicSources = ["user", "button", "deeplink", "form", "admin", "api"] as const;
export type TopicSource = (typeof topicSources)[number];

/** Who is subscribed to which topic, since when and through what. */
export const userTopics = sqliteTable(
  "user_topics",
  {
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    source: text("source", { enum: topicSources }).notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  // (topic, user) first: a segment's `topic:` reads one range of the key, like a tag.
  (t) => [primaryKey({ columns: [t.topicId, t.userId] }), index("user_topics_user_idx").on(t.userId)],
);

export type UserTopicRecord = typeof userTopics.$inferSelect;
