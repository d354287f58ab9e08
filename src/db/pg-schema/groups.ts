import { boolean, index, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { groupTypes } from "../schema/groups.js";
import { telegramId, timestampMs } from "./columns.js";
import { users } from "./users.js";

/** Groups and supergroups the bot is in; `leftAt` once it is out. */
export const botGroups = pgTable("bot_groups", {
  chatId: telegramId("chat_id").primaryKey(),
  title: text("title").notNull(),
  type: text("type", { enum: groupTypes }).notNull(),
  joinedAt: timestampMs("joined_at").notNull(),
  leftAt: timestampMs("left_at"),
});

/** Bot users seen in a group of the bot. */
export const groupMembers = pgTable(
  "group_members",
  {
    chatId: telegramId("chat_id")
      .notNull()
      .references(() => botGroups.chatId, { onDelete: "cascade" }),
    userId: telegramId("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    isMember: boolean("is_member").notNull(),
    seenAt: timestampMs("seen_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.chatId, t.userId] }), index("group_members_user_idx").on(t.userId)],
);
