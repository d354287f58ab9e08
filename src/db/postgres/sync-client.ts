import { createRequire } from "node:module";
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from "node:worker_threads";

/** What PostgreSQL said about a statement that failed (the SQLSTATE in `code`). */
export class PostgresError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly detail: string | undefined,
    readonly constraint: string | undefined,
    /** The statement, for the log: which of many failed. */
    readonly statement?: string,
  ) {
    super(statement ? `${message} (in: ${statement.slice(0, 300)})` : message);
    this.name = "PostgresError";
  }
}

/** A statement's outcome: rows as objects or as arrays (`rowMode: "array"`), and how many it touched. */
export interface QueryResult {
  rows: unknown[];
  rowCount: number;
}

interface Reply {
  id: number;
  rows?: unknown[];
  rowCount?: number;
  error?: { message: string; code?: string; detail?: string; constraint?: string };
}

/**
 * The worker's side: one node-postgres client, answering one statement at a time. Integers come back
 * as numbers, booleans as 1/0 and JSON as its text, as SQLite gives them, so code written for SQLite
 * reads them alike.
 */
const workerSource = `
const { workerData } = require("node:worker_threads");
const { Client, types } = require(workerData.pgPath);
types.setTypeParser(20, (v) => Number(v));
types.setTypeParser(1700, (v) => Number(v));
types.setTypeParser(16, (v) => (v === "t" ? 1 : 0));
types.setTypeParser(114, (v) => v);
types.setTypeParser(3802, (v) => v);
const { port, signal, connectionString } = workerData;
// A connection the server dropped is replaced at the next statement (what was in flight failed).
let connecting;
const connected = () => {
  connecting ??= (async () => {
    const client = new Client({ connectionString, application_name: "usher", connectionTimeoutMillis: 10_000 });
    client.on("error", () => { connecting = undefined; });
    try {
      await client.connect();
      // Times without an offset mean UTC, as SQLite's date functions read them.
      await client.query("set time zone 'UTC'");
      return client;
    } catch (error) {
      connecting = undefined;
      client.end().catch(() => {});
      throw error;
    }
  })();
  return connecting;
};
port.on("message", async (request) => {
  const answer = (reply) => {
    port.postMessage({ ...reply, id: request.id });
    Atomics.store(signal, 0, request.id);
    Atomics.notify(signal, 0);
  };
  try {
    if (request.close) {
      if (connecting) await (await connecting.catch(() => ({ end: async () => {} }))).end();
      answer({ rows: [], rowCount: 0 });
      return;
    }
    const client = await connected();
    const result = await client.query({
      name: request.name, text: request.text, values: request.values,
      rowMode: request.array ? "array" : undefined,
    });
    const last = Array.isArray(result) ? result[result.length - 1] : result;
    answer({ rows: last.rows ?? [], rowCount: last.rowCount ?? 0 });
  } catch (error) {
    answer({ error: { message: error.message, code: error.code, detail: error.detail, constraint: error.constraint } });
  }
});
`;

/** How long one statement may take before the caller gives up waiting (the server may still finish it). */
const statementTimeoutMs = 30_000;

/**
 * A synchronous PostgreSQL connection: node-postgres runs in a worker thread and the caller's thread
 * sleeps (Atomics.wait) until the answer comes. Usher's repositories and verbs are synchronous, as
 * better-sqlite3 made them; this keeps them so on PostgreSQL, one statement at a time per process.
 */
export class SyncPostgresClient {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private closed = false;
  private requests = 0;

  constructor(connectionString: string) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const pgPath = createRequire(import.meta.url).resolve("pg");
    this.worker = new Worker(workerSource, {
      eval: true,
      workerData: { port: port2, signal: this.signal, connectionString, pgPath },
      transferList: [port2],
    });
    // The worker holds no work of its own: it never keeps the process alive.
    this.worker.unref();
    this.port.unref();
  }

  /** Runs one statement (`$1`-style parameters); `name` makes it a server-side prepared statement. */
  query(
    text: string,
    values: unknown[] = [],
    options: { array?: boolean; name?: string; source?: string } = {},
  ): QueryResult {
    if (this.closed)
      throw new PostgresError("the PostgreSQL connection is closed", undefined, undefined, undefined);
    const reply = this.exchange({
      text,
      values: values.map(toParameter),
      array: options.array,
      name: options.name,
    });
    if (reply.error) {
      const { message, code, detail, constraint } = reply.error;
      throw new PostgresError(message, code, detail, constraint, options.source ?? text);
    }
    return { rows: reply.rows ?? [], rowCount: reply.rowCount ?? 0 };
  }

  /** Ends the session and the worker. */
  close(): void {
    if (this.closed) return;
    try {
      this.exchange({ close: true });
    } finally {
      this.closed = true;
      void this.worker.terminate();
      this.port.close();
    }
  }

  /** Sends one request and sleeps until its own answer (by id) is there, or the time is up. */
  private exchange(request: object): Reply {
    this.requests = (this.requests % 2_000_000_000) + 1;
    const id = this.requests;
    this.port.postMessage({ ...request, id });
    const deadline = Date.now() + statementTimeoutMs;
    for (;;) {
      const current = Atomics.load(this.signal, 0);
      if (current === id) {
        for (
          let message = receiveMessageOnPort(this.port);
          message;
          message = receiveMessageOnPort(this.port)
        ) {
          // An answer to an earlier request that timed out is dropped.
          if ((message.message as Reply).id === id) return message.message as Reply;
        }
      }
      const left = deadline - Date.now();
      if (left <= 0)
        throw new PostgresError(
          `PostgreSQL did not answer within ${statementTimeoutMs / 1000} s`,
          undefined,
          undefined,
          undefined,
        );
      // The answer's flag can be seen a moment before its message: look again shortly.
      Atomics.wait(this.signal, 0, current, current === id ? 1 : left);
    }
  }
}

/**
 * Values as node-postgres sends them: 64-bit integers as text, the rest as they are. PostgreSQL's
 * text cannot hold U+0000, which SQLite keeps: a user's message carrying one is stored without it
 * rather than failing the update.
 */
function toParameter(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === "string") return value.replaceAll("\u0000", "");
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}
