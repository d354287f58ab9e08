import type { Logger } from "pino";
import type { Db } from "../../../db/client.js";
import { applyRows } from "./import-apply.js";
import { importStaleMs, isLeftBehind, newImportOwner } from "./import-owner.js";
import { ImportRepository } from "./import-repository.js";
import { parseImport } from "./parse-import.js";

export interface RecoveryOptions {
  /** An import not heard from for this long was left by a process that is gone. */
  staleMs?: number;
  /** Stops between two slices; what is left waits for the next run. */
  signal?: AbortSignal;
}

/**
 * Finishes the imports that stopped processes left: one whose file was stored is applied from the
 * row it reached (so it ends whole), one still being stored is dropped (so it stays absent). Only
 * imports left behind (their process no longer runs on this host, or they were silent for
 * `staleMs`) are touched: a live one is its owner's. Resolves with how many it finished.
 */
export async function finishInterruptedImports(db: Db, options: RecoveryOptions = {}): Promise<number> {
  const store = new ImportRepository(db);
  const staleMs = options.staleMs ?? importStaleMs;
  let finished = 0;
  for (const left of store.unfinished()) {
    if (options.signal?.aborted) break;
    if (!isLeftBehind(left, staleMs)) continue;
    const self = newImportOwner();
    const owner = self.owner;
    if (!store.takeOver(left, self, new Date())) continue;
    if (left.status === "storing") {
      store.discard(left.id, owner);
      continue;
    }
    const parsed = await parseImport(store.file(left.id));
    // The file was read and accepted before it was stored: it reads the same again.
    if (!parsed.ok) throw new Error(`stored import ${left.id} no longer reads: ${parsed.problems[0]?.kind}`);
    const counts = await applyRows(
      db,
      store,
      { id: left.id, owner, actor: left.actor, startedAt: left.startedAt },
      parsed.rows,
      {
        fromRow: left.nextRow,
        counts: {
          created: left.created,
          updated: left.updated,
          unchanged: left.unchanged,
          skipped: left.skipped,
        },
        ...(options.signal && { signal: options.signal }),
      },
    );
    if (counts) finished++;
  }
  return finished;
}

export interface ImportRecoveryDependencies {
  db: Db;
  logger: Logger;
  /** How often the active instance looks for interrupted imports. */
  everyMs?: number;
  staleMs?: number;
}

/**
 * The active instance's watch over interrupted imports: it looks at once when started (the lease was
 * just taken, perhaps from a killed process) and then every second, since the import of a process
 * that just died is only seen as interrupted once it has been silent for a few seconds.
 */
export class ImportRecovery {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopping: AbortController | undefined;
  private store: ImportRepository | undefined;

  constructor(private readonly deps: ImportRecoveryDependencies) {}

  start(): void {
    if (this.timer) return;
    this.stopping = new AbortController();
    this.timer = setInterval(() => this.look(), this.deps.everyMs ?? 1000);
    this.look();
  }

  /** Stops looking; an import being finished stops after its current slice and waits for the next active instance. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.stopping?.abort();
    await this.running;
  }

  private look(): void {
    if (this.running || !this.stopping) return;
    this.store ??= new ImportRepository(this.deps.db);
    if (!this.store.hasUnfinished()) return;
    const signal = this.stopping.signal;
    const { db, logger, staleMs } = this.deps;
    this.running = finishInterruptedImports(db, { signal, ...(staleMs !== undefined && { staleMs }) })
      .then((finished) => {
        if (finished > 0) logger.info({ finished }, "finished CSV imports a stopped process had left");
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, "could not finish an interrupted CSV import; trying again");
      })
      .finally(() => {
        this.running = undefined;
      });
  }
}
