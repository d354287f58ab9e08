import { type PostgresStatementText, toPostgres } from "./sqlite-to-postgres.js";
import { PostgresError, SyncPostgresClient } from "./sync-client.js";

/** SQLSTATEs after which a transaction is run again from its start: it lost a race, nothing was wrong. */
const retryableCodes = new Set(["40001", "40P01"]);
/** How many times a transaction that keeps losing races is run before its error is given up. */
const maxAttempts = 8;

interface Translated extends PostgresStatementText {
  name: string;
}

/**
 * A prepared statement as better-sqlite3's: `run`, `get`, `all`, `iterate`, with `raw()` for rows as
 * arrays and `pluck()` for first columns. The SQL is SQLite's, rewritten once per text.
 */
export class PostgresStatement {
  private array = false;
  private first = false;

  constructor(
    private readonly database: PostgresDatabase,
    private readonly translated: Translated,
    readonly source: string,
  ) {}

  raw(toggle = true): this {
    this.array = toggle;
    return this;
  }

  pluck(toggle = true): this {
    this.first = toggle;
    return this;
  }

  run(...params: unknown[]): { changes: number; lastInsertRowid: number } {
    const result = this.database.execute(this.translated, this.bind(params), false);
    return { changes: result.rowCount, lastInsertRowid: 0 };
  }

  get(...params: unknown[]): unknown {
    return this.rows(params)[0];
  }

  all(...params: unknown[]): unknown[] {
    return this.rows(params);
  }

  iterate(...params: unknown[]): IterableIterator<unknown> {
    return this.rows(params)[Symbol.iterator]();
  }

  /** Positional values as given; named ones (`@name` with one object) in the order the text numbers them. */
  private bind(params: unknown[]): unknown[] {
    const [only] = params;
    if (params.length === 1 && Array.isArray(only)) return only;
    if (params.length !== 1 || !isNamedValues(only)) return params;
    return this.translated.names.map((name) => (name === null ? undefined : only[name]));
  }

  private rows(params: unknown[]): unknown[] {
    const rows = this.database.execute(this.translated, this.bind(params), this.array || this.first).rows;
    return this.first ? rows.map((row) => (row as unknown[])[0]) : rows;
  }
}

function isNamedValues(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

type TransactionFunction<F extends (...args: never[]) => unknown> = F & {
  deferred: F;
  immediate: F;
  exclusive: F;
};

/**
 * PostgreSQL behind the part of better-sqlite3's `Database` Usher uses, so drizzle's better-sqlite3
 * driver and the repositories' own statements run unchanged. Transactions are SERIALIZABLE, and one
 * that loses a race to another instance runs again: their callbacks are synchronous and write only
 * to the database, so running one twice is the same as running it once.
 *
 * Durability follows SQLite's settings: a transaction commits without waiting for the disk (as WAL
 * with synchronous=NORMAL, the server's crash may lose its last moments, never its consistency)
 * unless `PRAGMA synchronous = FULL` is on, as for a durable write; a lone statement waits.
 */
export class PostgresDatabase {
  readonly name: string;
  readonly memory = false;
  readonly readonly = false;
  open = true;
  private depth = 0;
  /** Set by `PRAGMA synchronous = FULL` (a durable write): its transactions wait for the disk. */
  private durable = false;
  private readonly client: SyncPostgresClient;
  private readonly translations = new Map<string, Translated>();

  constructor(readonly connectionString: string) {
    this.name = connectionString.replace(/\/\/[^@/]*@/, "//");
    this.client = new SyncPostgresClient(connectionString);
  }

  get inTransaction(): boolean {
    return this.depth > 0;
  }

  prepare(source: string): PostgresStatement {
    return new PostgresStatement(this, this.translate(source), source);
  }

  exec(source: string): this {
    const pragma = /^\s*pragma\s+(.*)$/is.exec(source)?.[1];
    if (pragma !== undefined) {
      this.pragma(pragma);
      return this;
    }
    this.client.query(toPostgres(source).text);
    this.track(source);
    return this;
  }

  /** Runs PostgreSQL's own SQL (a migration, a maintenance statement) as it is written. */
  native(source: string): void {
    this.client.query(source);
    this.track(source);
  }

  /** SQLite's settings have no PostgreSQL counterpart here: they are accepted and change nothing. */
  pragma(source: string): unknown[] {
    const synchronous = /^\s*synchronous\s*=\s*(\w+)/i.exec(source)?.[1]?.toLowerCase();
    if (synchronous !== undefined) this.durable = synchronous === "full" || synchronous === "extra";
    if (/^\s*(journal_mode|synchronous|foreign_keys|busy_timeout)\b/i.test(source)) return [];
    throw new Error(`PRAGMA ${source} is SQLite's and has no meaning on PostgreSQL`);
  }

  transaction<F extends (...args: never[]) => unknown>(fn: F): TransactionFunction<F> {
    const run = ((...args: Parameters<F>) => this.runTransaction(() => fn(...args))) as F;
    return Object.assign(run, { deferred: run, immediate: run, exclusive: run });
  }

  close(): void {
    if (!this.open) return;
    this.open = false;
    this.client.close();
  }

  /** Runs one translated statement, keeping count of the transaction it opens or closes. */
  execute(translated: Translated, params: unknown[], array: boolean) {
    const result = this.client.query(translated.text, params, {
      array,
      name: translated.name,
      source: translated.text,
    });
    this.track(translated.text);
    return result;
  }

  private translate(source: string): Translated {
    let translated = this.translations.get(source);
    if (!translated) {
      translated = { ...toPostgres(source), name: `usher_${this.translations.size + 1}` };
      this.translations.set(source, translated);
    }
    return translated;
  }

  /** Statements that begin or end a transaction by hand (the group commit's) move the depth too. */
  private track(text: string): void {
    const head = /^\s*(\w+)/.exec(text)?.[1]?.toLowerCase();
    if (head === "begin") this.depth = 1;
    else if (head === "commit" || head === "end" || (head === "rollback" && !/\bto\b/i.test(text)))
      this.depth = 0;
  }

  private runTransaction<T>(body: () => T): T {
    if (this.depth > 0) return this.inSavepoint(body);
    for (let attempt = 1; ; attempt++) {
      // One round trip either way: a simple query may hold two statements.
      this.client.query(
        this.durable
          ? "begin isolation level serializable"
          : "begin isolation level serializable; set local synchronous_commit = off",
      );
      this.depth = 1;
      try {
        const result = body();
        this.client.query("commit");
        this.depth = 0;
        return result;
      } catch (error) {
        if (this.depth > 0) {
          this.depth = 0;
          this.client.query("rollback");
        }
        if (
          !(error instanceof PostgresError && retryableCodes.has(error.code ?? "")) ||
          attempt >= maxAttempts
        )
          throw error;
        pause(Math.min(2 ** attempt, 50) * Math.random());
      }
    }
  }

  private inSavepoint<T>(body: () => T): T {
    const name = `usher_sp${this.depth}`;
    this.client.query(`savepoint ${name}`);
    this.depth += 1;
    try {
      const result = body();
      this.client.query(`release savepoint ${name}`);
      return result;
    } catch (error) {
      this.client.query(`rollback to savepoint ${name}`);
      throw error;
    } finally {
      this.depth -= 1;
    }
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Waits `ms` without giving the thread back: the transaction being retried is synchronous. */
function pause(ms: number): void {
  if (ms > 0) Atomics.wait(sleeper, 0, 0, ms);
}
