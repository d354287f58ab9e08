import type { Db } from "../../../db/client.js";
import type { Actor } from "../../audit/audit-log.js";
import type { PlannedColumn } from "./csv-columns.js";
import { applyRows, storeFile } from "./import-apply.js";
import { checkImport, type ImportCheck } from "./import-check.js";
import { ImportBusyError } from "./import-errors.js";
import { isLeftBehind, newImportOwner } from "./import-owner.js";
import { ImportRepository } from "./import-repository.js";
import { type Delimiter, type FileProblem, parseImport, type RowError } from "./parse-import.js";

/** What an import needs: the connection and the clock (read once, as the import's time). */
export interface ImportDeps {
  db: Db;
  now: () => Date;
}

/** The file to import and how. */
export interface ImportInput {
  file: string | Uint8Array;
  /** Work out and report everything, then change nothing. */
  dryRun: boolean;
  /** Import the rows that are fine and skip the others; otherwise one wrong row stops the whole file. */
  validRowsOnly?: boolean;
  /**
   * Stops applying between two slices (a shutdown): the import stays stored and unfinished, the
   * next active instance finishes it, and this call fails with ImportBusyError "import_interrupted".
   */
  signal?: AbortSignal;
}

/** What an import did, or in a dry run would do. */
export interface ImportReport {
  /** True when the changes were committed. */
  applied: boolean;
  /** Problems that stop the whole file (its header, its encoding); when any, nothing else was read. */
  fileProblems: FileProblem[];
  delimiter: Delimiter | null;
  columns: PlannedColumn[];
  /** Data rows read, wrong ones included. */
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Rows not imported, by line, with the reasons. */
  skipped: RowError[];
}

/**
 * Imports users from a CSV file, whole or not at all. Each row finds its user by Telegram id, then
 * phone, then email. A found user keeps what they have: the row only fills empty fields and adds
 * tags, attributes not yet set, and its note; names are filled only where none is known, and
 * status and registration are left alone. A new user with a Telegram id is pending unless the row
 * says otherwise; one without gets a negative surrogate id. Imported contacts that a row's phone or
 * email finds are merged into the row's Telegram user (see merge.ts); another Telegram user with
 * them makes the row a conflict. Phones and emails find only users whom they are trusted keys of
 * (contact-sources.ts), and the ones the import writes are the owner's data.
 *
 * Nothing holds the event loop for long: the file is read and checked in slices that yield; to
 * apply it, the file is stored, then its rows are written in short transactions that record their
 * progress, so a process killed part way leaves the rest to the next active instance
 * (finishInterruptedImports). One import at a time: another one meanwhile is an ImportBusyError.
 * A row that clashes only with a change made while the import runs is skipped and reported.
 */
export async function importUsers(deps: ImportDeps, actor: Actor, input: ImportInput): Promise<ImportReport> {
  const { db } = deps;
  const { file } = input;
  const now = deps.now();
  const parsed = await parseImport(file);
  if (!parsed.ok) {
    return {
      applied: false,
      fileProblems: parsed.problems,
      delimiter: null,
      columns: [],
      rows: 0,
      created: 0,
      updated: 0,
      unchanged: 0,
      skipped: [],
    };
  }
  const report: ImportReport = {
    applied: false,
    fileProblems: [],
    delimiter: parsed.delimiter,
    columns: parsed.columns,
    rows: parsed.rows.length + parsed.errors.length,
    created: 0,
    updated: 0,
    unchanged: 0,
    skipped: [...parsed.errors],
  };
  const validRowsOnly = input.validRowsOnly === true;
  const writer = { actor, now };
  if (input.dryRun) {
    const check = await checkImport(db, parsed.rows, writer);
    return withCheck(report, check);
  }

  const counts = { created: 0, updated: 0, unchanged: 0, skipped: report.skipped.length };
  const store = new ImportRepository(db);
  const self = newImportOwner();
  const owner = self.owner;
  const id = store.claim({ ...self, validRowsOnly, ...writer, startedAt: now }, new Date(), (other) =>
    isLeftBehind(other),
  );
  const target = { id, owner, actor, startedAt: now };
  try {
    if (!validRowsOnly) {
      // Without "valid rows only" one wrong row refuses the file: known before the first row is written.
      const check = await checkImport(db, parsed.rows, writer, () => {
        if (!store.heartbeat(id, owner, new Date())) throw new ImportBusyError("import_interrupted", id);
      });
      if (report.skipped.length + check.conflicts.length > 0) {
        store.discard(id, owner);
        return withCheck(report, check);
      }
    }
    const bytes = typeof file === "string" ? new TextEncoder().encode(file) : file;
    if (!(await storeFile(store, target, bytes)) || !store.startApplying(id, owner, counts, new Date()))
      throw new ImportBusyError("import_interrupted", id);
  } catch (error) {
    store.discard(id, owner);
    throw error;
  }
  const applied = await applyRows(db, store, target, parsed.rows, {
    fromRow: 0,
    counts,
    onConflict: (conflict) => report.skipped.push(conflict),
    ...(input.signal && { signal: input.signal }),
  });
  if (applied === undefined) throw new ImportBusyError("import_interrupted", id);
  report.applied = true;
  report.created = applied.created;
  report.updated = applied.updated;
  report.unchanged = applied.unchanged;
  report.skipped.sort((a, b) => a.line - b.line);
  return report;
}

/** The report of a dry run, or of a file refused for its wrong rows. */
function withCheck(report: ImportReport, check: ImportCheck): ImportReport {
  const skipped = [...report.skipped, ...check.conflicts].sort((a, b) => a.line - b.line);
  return { ...report, created: check.created, updated: check.updated, unchanged: check.unchanged, skipped };
}
