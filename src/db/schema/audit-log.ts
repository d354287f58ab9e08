import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** Who changed what, from which value to which, and when. Holds no personal data of end users. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** The Telegram id of the admin, or null for a system actor such as the HTTP API. */
    actorId: integer("actor_id"),
    actorLabel: text("actor_label").notNull(),
    action: text("action").notNull(),
    before: text("before", { mode: "json" }),
    after: text("after", { mode: "json" }),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("audit_log_at_idx").on(t.at)],
);

export type AuditEntry = typeof auditLog.$inferSelect;
