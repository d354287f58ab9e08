import { bigint, integer, pgTable, text } from "drizzle-orm/pg-core";
import { timestampMs } from "./columns.js";

/** Work only one process may do on a database (long polling, the mailing engine), and which process does it. */
export const leases = pgTable("leases", {
  name: text("name").primaryKey(),
  /** A random id of the holding process (a pid can be reused; this cannot). */
  holder: text("holder").notNull(),
  pid: bigint("pid", { mode: "number" }).notNull(),
  host: text("host").notNull(),
  acquiredAt: timestampMs("acquired_at").notNull(),
  renewedAt: timestampMs("renewed_at").notNull(),
});
