import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../../db/client.js";
import { type ImportRecord, importFileParts, imports } from "../../../db/schema/index.js";
import type { Actor } from "../../audit/audit-log.js";
import { ImportBusyError } from "./import-errors.js";

/** Counts an import keeps with its progress. */
export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
}

/** Who applies an import: a random id of the call, and its process. */
export interface ImportOwner {
  owner: string;
  pid: number;
  host: string;
}

export interface NewImport extends ImportOwner {
  validRowsOnly: boolean;
  actor: Actor;
  startedAt: Date;
}

/** An import's row as the code uses it: the actor parsed back. */
export type StoredImport = Omit<ImportRecord, "actor"> & { actor: Actor };

const unfinished = inArray(imports.status, ["storing", "applying"]);

function prepareAnyUnfinished(db: Db) {
  return db.select({ id: imports.id }).from(imports).where(unfinished).limit(1).prepare();
}

/**
 * The stored imports and their files. Every write names the owner: a call that lost its import to
 * another process (which took over after it fell silent) changes nothing.
 */
export class ImportRepository {
  private anyUnfinished: ReturnType<typeof prepareAnyUnfinished> | undefined;

  constructor(private readonly db: Db) {}

  /**
   * Registers a new import as being stored, unless another one is unfinished: a live one is "in
   * progress", one its process left behind "interrupted" (the next active instance finishes it).
   */
  claim(input: NewImport, at: Date, isLeftBehind: (other: ImportRecord) => boolean): number {
    return this.db.transaction((tx) => {
      const other = tx.select().from(imports).where(unfinished).get();
      if (other) {
        const code = isLeftBehind(other) ? "import_interrupted" : "import_in_progress";
        throw new ImportBusyError(code, other.id);
      }
      const row = tx
        .insert(imports)
        .values({
          status: "storing",
          owner: input.owner,
          pid: input.pid,
          host: input.host,
          heartbeatAt: at,
          validRowsOnly: input.validRowsOnly,
          actor: JSON.stringify(input.actor),
          startedAt: input.startedAt,
        })
        .returning({ id: imports.id })
        .get();
      return row.id;
    });
  }

  /** Notes that the owner is still at work; false when the import is no longer theirs. */
  heartbeat(id: number, owner: string, at: Date): boolean {
    return (
      this.db
        .update(imports)
        .set({ heartbeatAt: at })
        .where(and(eq(imports.id, id), eq(imports.owner, owner), unfinished))
        .run().changes === 1
    );
  }

  /** Stores one part of the file, with a heartbeat; false (nothing stored) when the import is no longer the owner's. */
  storePart(id: number, owner: string, part: number, bytes: Uint8Array, at: Date): boolean {
    // One connection: statements on `db` inside the callback run in the transaction.
    return this.db.transaction(() => {
      if (!this.heartbeat(id, owner, at)) return false;
      this.db
        .insert(importFileParts)
        .values({ importId: id, part, bytes: Buffer.from(bytes) })
        .run();
      return true;
    });
  }

  /** The file is whole: from now on the import is finished, never dropped. */
  startApplying(id: number, owner: string, counts: ImportCounts, at: Date): boolean {
    return (
      this.db
        .update(imports)
        .set({ status: "applying", heartbeatAt: at, ...counts })
        .where(and(eq(imports.id, id), eq(imports.owner, owner), eq(imports.status, "storing")))
        .run().changes === 1
    );
  }

  /** Drops an import whose file is not stored whole (its rows were refused, or its process died storing it). */
  discard(id: number, owner: string): void {
    this.db
      .delete(imports)
      .where(and(eq(imports.id, id), eq(imports.owner, owner), eq(imports.status, "storing")))
      .run();
  }

  /** True while the import is the owner's to apply; call inside the slice's transaction. */
  isApplying(id: number, owner: string): boolean {
    return (
      this.db
        .select({ id: imports.id })
        .from(imports)
        .where(and(eq(imports.id, id), eq(imports.owner, owner), eq(imports.status, "applying")))
        .get() !== undefined
    );
  }

  /** Records the rows applied so far; when they are all, the import is done and its file dropped. */
  saveProgress(id: number, nextRow: number, counts: ImportCounts, done: boolean, at: Date): void {
    this.db
      .update(imports)
      .set({
        nextRow,
        ...counts,
        heartbeatAt: at,
        ...(done && { status: "done" as const, finishedAt: at }),
      })
      .where(eq(imports.id, id))
      .run();
    if (done) this.db.delete(importFileParts).where(eq(importFileParts.importId, id)).run();
  }

  /** Whether any import is not done: one prepared read, for a watch that asks every second. */
  hasUnfinished(): boolean {
    this.anyUnfinished ??= prepareAnyUnfinished(this.db);
    return this.anyUnfinished.get() !== undefined;
  }

  /** Imports not done, oldest first. */
  unfinished(): StoredImport[] {
    return this.db
      .select()
      .from(imports)
      .where(unfinished)
      .orderBy(asc(imports.id))
      .all()
      .map((row) => ({ ...row, actor: JSON.parse(row.actor) as Actor }));
  }

  /** Makes `owner` (of this process) the import's owner, if nobody wrote to it since it was read as `left`. */
  takeOver(left: StoredImport, owner: ImportOwner, at: Date): boolean {
    return (
      this.db
        .update(imports)
        .set({ owner: owner.owner, pid: owner.pid, host: owner.host, heartbeatAt: at })
        .where(
          and(
            eq(imports.id, left.id),
            eq(imports.owner, left.owner),
            eq(imports.heartbeatAt, left.heartbeatAt),
            unfinished,
          ),
        )
        .run().changes === 1
    );
  }

  /** The stored file, its parts joined. */
  file(id: number): Uint8Array {
    const parts = this.db
      .select({ bytes: importFileParts.bytes })
      .from(importFileParts)
      .where(eq(importFileParts.importId, id))
      .orderBy(asc(importFileParts.part))
      .all();
    return Buffer.concat(parts.map((p) => p.bytes));
  }
}
