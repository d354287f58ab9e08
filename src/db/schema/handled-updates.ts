import { index, integer, sqliteTable } from "drizzle-orm/sqlite-core";

/**
 * Updates an instance took on, by Telegram's update_id: Telegram sends an update again when its
 * answer was late or lost, and behind a proxy the copy may reach another instance; the first to
 * claim it handles it. Kept a day, past Telegram's own retries.
 */
export const handledUpdates = sqliteTable(
  "handled_updates",
  {
    updateId: integer("update_id").primaryKey(),
    receivedAt: integer("received_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("handled_updates_received_at_idx").on(t.receivedAt)],
);
