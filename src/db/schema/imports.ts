import { blob, index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** Where a CSV import stands: its file is being stored, its rows are being applied, or it is done. */
export type ImportStatus = "storing" | "applying" | "done";

/**
 * CSV imports applied in slices: the file is stored first, then each slice of rows commits with the
 * progress below, so a process killed part way leaves the rest to the next one, which finishes it.
 */
export const imports = sqliteTable(
  "imports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    status: text("status").$type<ImportStatus>().notNull(),
    /** A random id of the call applying it; a slice commits only while it still owns the import. */
    owner: text("owner").notNull(),
    /** The owner's process: on its host, an import whose process no longer runs is taken over at once. */
    pid: integer("pid").notNull(),
    host: text("host").notNull(),
    /** Written with every slice: an import not heard from for a while was left by a process that is gone. */
    heartbeatAt: integer("heartbeat_at", { mode: "timestamp_ms" }).notNull(),
    validRowsOnly: integer("valid_rows_only", { mode: "boolean" }).notNull(),
    /** The audit actor, as JSON. */
    actor: text("actor").notNull(),
    /** The import's clock: every row is written as of this time, whichever process applies it. */
    startedAt: integer("started_at", { mode: "timestamp_ms" }).notNull(),
    /** Valid rows of the file (in file order) applied so far. */
    nextRow: integer("next_row").notNull().default(0),
    created: integer("created").notNull().default(0),
    updated: integer("updated").notNull().default(0),
    unchanged: integer("unchanged").notNull().default(0),
    skipped: integer("skipped").notNull().default(0),
    finishedAt: integer("finished_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("imports_status_idx").on(t.status)],
);

/** The stored file of an import that is not done, in parts of a few hundred kilobytes. */
export const importFileParts = sqliteTable(
  "import_file_parts",
  {
    importId: integer("import_id")
      .notNull()
      .references(() => imports.id, { onDelete: "cascade" }),
    part: integer("part").notNull(),
    bytes: blob("bytes", { mode: "buffer" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.part] })],
);

export type ImportRecord = typeof imports.$inferSelect;
