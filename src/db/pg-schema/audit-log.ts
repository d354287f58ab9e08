import { index, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { serialId, telegramId, timestampMs } from "./columns.js";

/** Who changed what, from which value to which, and when. Holds no personal data of end users. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: serialId("id"),
    /** The Telegram id of the admin, or null for a system actor such as the HTTP API. */
    actorId: telegramId("actor_id"),
    actorLabel: text("actor_label").notNull(),
    action: text("action").notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
    at: timestampMs("at").notNull(),
  },
  (t) => [index("audit_log_at_idx").on(t.at)],
);
