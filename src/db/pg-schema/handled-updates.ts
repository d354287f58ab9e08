import { bigint, index, pgTable } from "drizzle-orm/pg-core";
import { timestampMs } from "./columns.js";

/** Updates an instance took on, by Telegram's update_id: the first instance to claim one handles it. */
export const handledUpdates = pgTable(
  "handled_updates",
  {
    updateId: bigint("update_id", { mode: "number" }).primaryKey(),
    receivedAt: timestampMs("received_at").notNull(),
  },
  (t) => [index("handled_updates_received_at_idx").on(t.receivedAt)],
);
