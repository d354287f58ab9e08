import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Work only one process may do on a database (long polling, the mailing engine), and which process
 * does it: the holder renews the lease while it lives; another takes it over once it is released,
 * expired, or held by a process that is gone.
 */
export const leases = sqliteTable("leases", {
  name: text("name").primaryKey(),
  /** A random id of the holding process (a pid can be reused; this cannot). */
  holder: text("holder").notNull(),
  pid: integer("pid").notNull(),
  host: text("host").notNull(),
  acquiredAt: integer("acquired_at", { mode: "timestamp_ms" }).notNull(),
  renewedAt: integer("renewed_at", { mode: "timestamp_ms" }).notNull(),
});

export type LeaseRecord = typeof leases.$inferSelect;
