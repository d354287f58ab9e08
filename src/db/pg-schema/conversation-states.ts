import { pgTable, text } from "drizzle-orm/pg-core";
import { timestampMs } from "./columns.js";

/** State of the conversations plugin as JSON text (jsonb refuses the U+0000 its strings may hold). */
export const conversationStates = pgTable("conversation_states", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: timestampMs("updated_at").notNull(),
});
