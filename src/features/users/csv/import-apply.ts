import { setImmediate as nextTurn } from "node:timers/promises";
import type { Db } from "../../../db/client.js";
import type { Actor } from "../../audit/audit-log.js";
import { AuditLog } from "../../audit/audit-repository.js";
import { ImportBusyError } from "./import-errors.js";
import type { ImportCounts, ImportRepository } from "./import-repository.js";
import { ImportWriter } from "./import-writer.js";
import type { ImportRow, RowError } from "./parse-import.js";

/**
 * Rows written per transaction are as many as fit in this time. Short: a request on a new connection
 * needs several turns of the event loop, and each turn waits for one slice and its commit. With 5 ms
 * slices a turn outlasted a probe every 10 ms and requests queued (bench import: /healthz p99 1.7 s);
 * with 3 ms, p99 98 ms and the apply 9.0 s instead of 8.3 s.
 */
const sliceMs = 3;
/** The stored file's part size: one part per transaction. */
const partBytes = 256 * 1024;

/** An import being applied by one call (or process): which, by whom, as of when. */
export interface ApplyingImport {
  id: number;
  owner: string;
  actor: Actor;
  startedAt: Date;
}

/** Stores the file part by part, each in its own short transaction; false when the import was taken from its owner. */
export async function storeFile(
  store: ImportRepository,
  target: ApplyingImport,
  file: Uint8Array,
): Promise<boolean> {
  for (let part = 0; part * partBytes < file.length || part === 0; part++) {
    const bytes = file.subarray(part * partBytes, (part + 1) * partBytes);
    if (!store.storePart(target.id, target.owner, part, bytes, new Date())) return false;
    await nextTurn();
  }
  return true;
}

export interface ApplyOptions {
  /** Where to start: the rows before it were applied by an earlier slice (or process). */
  fromRow: number;
  counts: ImportCounts;
  /** Collects the rows that clashed with the users stored when their turn came. */
  onConflict?: (error: RowError) => void;
  /** Stops between two slices; the import stays unfinished for the next active instance. */
  signal?: AbortSignal;
}

/**
 * Applies the rows from `fromRow` on, in transactions of about 5 ms that each record how far they
 * got and yield between them; the last one also writes the audit entry and marks the import done.
 * Every slice first checks that the import is still the caller's (ImportBusyError when another
 * process took it over), so two processes never apply the same rows. Resolves with the final counts,
 * or undefined when `signal` stopped it part way.
 */
export async function applyRows(
  db: Db,
  store: ImportRepository,
  target: ApplyingImport,
  rows: readonly ImportRow[],
  options: ApplyOptions,
): Promise<ImportCounts | undefined> {
  const writer = new ImportWriter(db, { actor: target.actor, now: target.startedAt });
  const audit = new AuditLog(db, () => target.startedAt);
  let next = options.fromRow;
  let counts = { ...options.counts };
  for (;;) {
    const slice = db.transaction(() => {
      if (!store.isApplying(target.id, target.owner))
        throw new ImportBusyError("import_interrupted", target.id);
      writer.startTransaction();
      const sliceCounts = { ...counts };
      const conflicts: RowError[] = [];
      const began = performance.now();
      let at = next;
      while (at < rows.length && performance.now() - began < sliceMs) {
        const row = rows[at++] as ImportRow;
        const result = writer.write(row);
        if (typeof result === "string") sliceCounts[result]++;
        else {
          sliceCounts.skipped++;
          conflicts.push({ line: row.line, problems: result });
        }
      }
      const done = at >= rows.length;
      if (done) audit.record({ actor: target.actor, action: "users.import", after: sliceCounts });
      store.saveProgress(target.id, at, sliceCounts, done, new Date());
      return { at, counts: sliceCounts, conflicts, done };
    });
    next = slice.at;
    counts = slice.counts;
    for (const conflict of slice.conflicts) options.onConflict?.(conflict);
    if (slice.done) return counts;
    await nextTurn();
    if (options.signal?.aborted) return undefined;
  }
}
