/**
 * Loaded with `--import` into each bot process of the gate benchmark: answers the bench's "tally"
 * message over IPC with this process's CPU time (process.cpuUsage, user + system) and what it spent in
 * SQLite, so the bench measures the bot where it runs, not the process serving the fake Bot API.
 * SQLite time is wall time (≈0.1 µs a statement to take) until the bench sends "clock:cpu"; from then
 * on it is CPU time (≈1 µs a statement), for a burst that is not part of the timed comparison. On
 * PostgreSQL the statements are its round trips (the wall time includes the server's answer).
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";

/** What the bot process reports; the bench takes differences between two reports. */
export interface ProbeTally {
  cpuUs: number;
  /** The part of cpuUs spent in the kernel (system calls: sockets, pipes, the database file). */
  systemUs: number;
  /** Time inside better-sqlite3 (prepare and execute) on the current clock, statements executed and compiled. */
  sqlUs: number;
  statements: number;
  prepares: number;
  /** Executions and time by SQL text (the first 80 characters). */
  bySql: Record<string, { count: number; us: number }>;
}

const tally = { sqlUs: 0, statements: 0, prepares: 0 };
const bySql: Record<string, { count: number; us: number }> = {};

type Method = (this: unknown, ...args: unknown[]) => unknown;

/** Microseconds on the clock the SQL tally uses: the wall clock, or this process's CPU time. */
let clock = () => performance.now() * 1000;
const cpuClock = () => {
  const cpu = process.cpuUsage();
  return cpu.user + cpu.system;
};

/** Adds the time spent in `fn` to the SQL tally. */
function metered(fn: Method, count: "statements" | "prepares"): Method {
  return function (this: unknown, ...args: unknown[]) {
    const started = clock();
    try {
      return fn.apply(this, args);
    } finally {
      const us = clock() - started;
      tally.sqlUs += us;
      tally[count] += 1;
      const source =
        count === "prepares"
          ? `(prepare) ${String(args[0])}`
          : ((this as { source?: string }).source ?? String(args[0]));
      const entry = bySql[source.slice(0, 80)] ?? { count: 0, us: 0 };
      entry.count += 1;
      entry.us += us;
      bySql[source.slice(0, 80)] = entry;
    }
  };
}

const databasePrototype = Database.prototype as unknown as Record<string, Method>;
databasePrototype.prepare = metered(databasePrototype.prepare as Method, "prepares");
// The statement class is native and not exported: reach its prototype through one statement.
const probe = new Database(":memory:");
const statementPrototype = Object.getPrototypeOf(probe.prepare("select 1")) as Record<string, Method>;
probe.close();
for (const name of ["run", "get", "all", "iterate"]) {
  statementPrototype[name] = metered(statementPrototype[name] as Method, "statements");
}
tally.prepares = 0;

/**
 * On PostgreSQL every statement is a round trip to the client's worker thread: each one is counted
 * and timed where it leaves (the compiled Usher's own module, so the patch reaches its connection).
 */
const syncClient = new URL("../dist/db/postgres/sync-client.js", import.meta.url);
if (existsSync(fileURLToPath(syncClient))) {
  const { SyncPostgresClient } = (await import(syncClient.href)) as {
    SyncPostgresClient: { prototype: Record<string, Method> };
  };
  const query = SyncPostgresClient.prototype.query as Method;
  SyncPostgresClient.prototype.query = metered(function (this: unknown, ...args: unknown[]) {
    return query.apply(this, args);
  }, "statements");
}

process.on("message", (message) => {
  if (message === "clock:cpu") clock = cpuClock;
  if (message !== "tally") return;
  const cpu = process.cpuUsage();
  const report: ProbeTally = { cpuUs: cpu.user + cpu.system, systemUs: cpu.system, ...tally, bySql };
  process.send?.(report);
});
// The IPC channel must not keep a stopping bot alive.
process.channel?.unref();
