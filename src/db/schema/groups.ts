import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "./users.js";

export const groupTypes = ["group", "supergroup"] as const;

/** Groups and supergroups the bot is in (from `my_chat_member` and their updates); `leftAt` once it is out. */
export const botGroups = sqliteTable("bot_groups", {
  chatId: integer("chat_id").primaryKey(),
  title: text("title").notNull(),
  type: text("type", { enum: groupTypes }).notNull(),
  joinedAt: integer("joined_at", { mode: "timestamp_ms" }).notNull(),
  /** Set when the bot left or was removed; null while it is in the group. */
  leftAt: integer("left_at", { mode: "timestamp_ms" }),
});

export type BotGroup = typeof botGroups.$inferSelect;

/**
 * Bot users seen in a group of the bot: `chat_member` updates (the bot an admin there), their messages
 * and join or leave notices. People who never used the bot are not stored.
 */
export const groupMembers = sqliteTable(
  "group_members",
  {
    chatId: integer("chat_id")
      .notNull()
      .references(() => botGroups.chatId, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** False once they left or were removed. */
    isMember: integer("is_member", { mode: "boolean" }).notNull(),
    seenAt: integer("seen_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.chatId, t.userId] }), index("group_members_user_idx").on(t.userId)],
);
