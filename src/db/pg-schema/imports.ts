import { bigint, boolean, index, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import type { ImportStatus } from "../schema/imports.js";
import { bytea, serialId, timestampMs } from "./columns.js";

/** CSV imports applied in slices, so a process killed part way leaves the rest to the next one. */
export const imports = pgTable(
  "imports",
  {
    id: serialId("id"),
    status: text("status").$type<ImportStatus>().notNull(),
    owner: text("owner").notNull(),
    pid: bigint("pid", { mode: "number" }).notNull(),
    host: text("host").notNull(),
    heartbeatAt: timestampMs("heartbeat_at").notNull(),
    validRowsOnly: boolean("valid_rows_only").notNull(),
    /** The audit actor, as JSON text (text on SQLite too). */
    actor: text("actor").notNull(),
    startedAt: timestampMs("started_at").notNull(),
    nextRow: bigint("next_row", { mode: "number" }).notNull().default(0),
    created: bigint("created", { mode: "number" }).notNull().default(0),
    updated: bigint("updated", { mode: "number" }).notNull().default(0),
    unchanged: bigint("unchanged", { mode: "number" }).notNull().default(0),
    skipped: bigint("skipped", { mode: "number" }).notNull().default(0),
    finishedAt: timestampMs("finished_at"),
  },
  (t) => [index("imports_status_idx").on(t.status)],
);

/** The stored file of an import that is not done, in parts of a few hundred kilobytes. */
export const importFileParts = pgTable(
  "import_file_parts",
  {
    importId: bigint("import_id", { mode: "number" })
      .notNull()
      .references(() => imports.id, { onDelete: "cascade" }),
    part: bigint("part", { mode: "number" }).notNull(),
    bytes: bytea("bytes").notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.part] })],
);
