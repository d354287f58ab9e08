import type Database from "better-sqlite3";
import { PostgresDatabase } from "./postgres/postgres-database.js";

interface Statements {
  begin: Database.Statement;
  commit: Database.Statement;
  rollback: Database.Statement;
}

interface Waiters {
  promise: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

function waiters(): Waiters {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Handled here as well: a failure reaches whoever awaits it, and never crashes the process unawaited.
  promise.catch(() => {});
  return { promise, resolve, reject };
}

/**
 * One write transaction shared by the updates handled in one turn of the event loop, committed when
 * the turn ends: a burst's registrations become one commit instead of one each, and a commit (the
 * pages it writes to the WAL) was most of a write's cost. What depends on the writes being on disk
 * waits for `settled()`: the Bot API calls they lead to, an HTTP answer, a durable write.
 */
export class GroupCommit {
  private open = false;
  private pending: Waiters | undefined;

  /**
   * @param shared false on PostgreSQL, where every transaction commits alone: one that lost a race
   *   runs again, which a turn's shared transaction could not.
   */
  constructor(
    private readonly sqlite: Database.Database,
    private readonly statements: Statements,
    private readonly shared = true,
  ) {}

  /**
   * Puts what runs from here until the thread is given back into the shared transaction, opening it
   * when none is. IMMEDIATE, so a read followed by a write never meets another process's newer
   * commit. Inside a transaction someone else opened it adds nothing.
   */
  join(): void {
    if (!this.shared || this.open || this.sqlite.inTransaction) return;
    this.statements.begin.run();
    this.open = true;
    setImmediate(this.commitNow);
  }

  /** Resolves once what was written so far is committed; undefined when nothing waits to be. */
  settled(): Promise<void> | undefined {
    if (!this.open) return undefined;
    this.pending ??= waiters();
    return this.pending.promise;
  }

  /** Commits the shared transaction now (before a durable write, an HTTP answer, closing). */
  readonly commitNow = (): void => {
    if (!this.open) return;
    this.open = false;
    const pending = this.pending;
    this.pending = undefined;
    try {
      if (this.sqlite.inTransaction) this.statements.commit.run();
    } catch (error) {
      // A failed commit leaves the transaction open: close it, or every later write would join it.
      if (this.sqlite.inTransaction) this.statements.rollback.run();
      pending?.reject(error);
      return;
    }
    pending?.resolve();
  };
}

const groups = new WeakMap<Database.Database, GroupCommit>();

/** The one group commit of a connection (sharing nothing on PostgreSQL). */
export function groupCommitOf(sqlite: Database.Database): GroupCommit {
  let group = groups.get(sqlite);
  if (!group) {
    group = new GroupCommit(
      sqlite,
      {
        begin: sqlite.prepare("BEGIN IMMEDIATE"),
        commit: sqlite.prepare("COMMIT"),
        rollback: sqlite.prepare("ROLLBACK"),
      },
      !(sqlite instanceof PostgresDatabase),
    );
    groups.set(sqlite, group);
  }
  return group;
}
