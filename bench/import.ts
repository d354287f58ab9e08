import { setTimeout as sleep } from "node:timers/promises";
import { Worker } from "node:worker_threads";
import { parse } from "csv-parse/sync";
import { Api } from "grammy";
import { pino } from "pino";
import type { OpenDatabase } from "../src/db/client.js";
import { type ImportReport, importUsers } from "../src/features/users/csv/import-users.js";
import { createHttpApp } from "../src/http/app.js";
import { startHttpServer } from "../src/http/server.js";
import { temporaryUsher } from "./mailing.js";
import { defineScenario, formatTable, round } from "./scenario.js";

const target = { seconds: 10, healthP99Ms: 200 };
const probeEveryMs = 10;

/** Milliseconds on a clock this thread and the probe's thread share. */
const clock = () => performance.timeOrigin + performance.now();

/**
 * The /healthz client, in a thread of its own so the server's event loop cannot hold it back: it
 * sends one request every 10 ms whether or not the earlier ones were answered (open loop), so a
 * stalled server shows as every request it kept waiting, not as one slow request. Each request on a
 * new connection, as health checkers do.
 */
const probeSource = `
const { parentPort, workerData } = require("node:worker_threads");
const http = require("node:http");
const clock = () => performance.timeOrigin + performance.now();
let timer;
let samples = [];
let failures = [];
let pending = 0;
let stopping = false;
function settle() {
  pending--;
  if (stopping && pending === 0) parentPort.postMessage({ samples, failures });
}
function probe() {
  const sentAt = clock();
  pending++;
  http
    .get(workerData.url, { agent: false }, (answer) => {
      answer.resume();
      answer.on("end", () => {
        if (answer.statusCode === 200) samples.push({ sentAt, ms: clock() - sentAt });
        else failures.push(String(answer.statusCode));
        settle();
      });
    })
    .on("error", (error) => {
      failures.push(error.code ?? String(error));
      settle();
    });
}
parentPort.on("message", (message) => {
  if (message === "start") {
    samples = [];
    failures = [];
    stopping = false;
    timer = setInterval(probe, workerData.everyMs);
  } else if (message === "stop") {
    clearInterval(timer);
    stopping = true;
    if (pending === 0) parentPort.postMessage({ samples, failures });
  }
});
`;

interface Sample {
  sentAt: number;
  ms: number;
}

interface Latencies {
  requests: number;
  p50: number;
  p99: number;
  max: number;
}

interface HealthFigures {
  /** Requests that got no 200 (a status, or a network error such as ECONNRESET). */
  failures: string[];
  all: Latencies;
  /** Requests answered before the longest stall began: what the server does while it can yield. */
  beforeStall: Latencies;
  /** The longest this thread's event loop was held at once (a slice, a commit, a garbage collection). */
  stallMs: number;
}

function latencies(samples: Sample[]): Latencies {
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  const at = (share: number) => sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)] ?? Number.NaN;
  return { requests: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? Number.NaN };
}

/** The longest gap between turns of this thread's event loop while it runs, and when it began. */
function watchEventLoop() {
  let last = clock();
  let longest = { from: last, ms: 0 };
  const timer = setInterval(() => {
    const now = clock();
    if (now - last > longest.ms) longest = { from: last, ms: now - last };
    last = now;
  }, 2);
  return {
    async stop() {
      // A stall is seen when the timer next runs; one that ends the work needs that turn.
      await sleep(20);
      clearInterval(timer);
      return longest;
    },
  };
}

/** Probes /healthz at `url` from another thread while `work` runs in this one. */
function healthProbe(url: string) {
  const worker = new Worker(probeSource, { eval: true, workerData: { url, everyMs: probeEveryMs } });
  return {
    async during<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number; health: HealthFigures }> {
      const answers = new Promise<{ samples: Sample[]; failures: string[] }>((resolve) =>
        worker.once("message", resolve),
      );
      worker.postMessage("start");
      const loop = watchEventLoop();
      const start = performance.now();
      const result = await work();
      const seconds = (performance.now() - start) / 1000;
      const stall = await loop.stop();
      worker.postMessage("stop");
      const { samples, failures } = await answers;
      const health = {
        failures,
        all: latencies(samples),
        beforeStall: latencies(samples.filter((s) => s.sentAt + s.ms < stall.from)),
        stallMs: stall.ms,
      };
      return { result, seconds, health };
    },
    stop: () => worker.terminate(),
  };
}

/** The real HTTP app over the bench's database, served on 127.0.0.1 as `npm start` serves it. */
function serveUsher(usher: ReturnType<typeof temporaryUsher>) {
  const app = createHttpApp({
    services: usher.services,
    telegram: new Api("0:bench"),
    logger: pino({ level: "silent" }),
    operations: { db: usher.database.db, updates: { mode: "polling", isRunning: () => true } },
  });
  return startHttpServer(app, { host: "127.0.0.1", port: 0 });
}

/** A CSV of `rows` people with a Telegram id, names, contacts, two tags and two attributes each. */
function generateCsv(rows: number): string {
  const lines = ["Telegram ID,First Name,Last Name,Username,Language,Phone,Email,Tags,Plan,City"];
  for (let i = 1; i <= rows; i++) {
    lines.push(
      `${7_000_000 + i},First${i},Last${i},user_${i},en,+4917${String(i).padStart(9, "0")},u${i}@example.com,"t${i % 7}, all",p${i % 3},City ${i % 100}`,
    );
  }
  return lines.join("\n");
}

/** The floor: the same file parsed and the same rows inserted with bare prepared statements, no checks. */
function baselineInsert(database: OpenDatabase, csv: string): void {
  const { sqlite } = database;
  const [, ...records] = parse(csv) as string[][];
  const insertUser = sqlite.prepare(`
    INSERT INTO users (id, first_name, last_name, username, language_code, phone, email, first_seen_at,
      last_seen_at, imported_at, referral_code)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertTag = sqlite.prepare("INSERT INTO user_tags (user_id, tag, created_at) VALUES (?, ?, ?)");
  const insertAttribute = sqlite.prepare(
    "INSERT INTO user_attributes (user_id, key, value, updated_at) VALUES (?, ?, ?, ?)",
  );
  const now = Date.now();
  sqlite.transaction(() => {
    for (const [id, first, last, username, language, phone, email, tags, plan, city] of records) {
      const userId = Number(id);
      insertUser.run(userId, first, last, username, language, phone, email, now, now, now, `c${userId}`);
      for (const tag of (tags ?? "").split(", ")) insertTag.run(userId, tag, now);
      insertAttribute.run(userId, "plan", plan, now);
      insertAttribute.run(userId, "city", city, now);
    }
  })();
}

async function timed<T>(run: () => T | Promise<T>): Promise<{ result: T; seconds: number }> {
  const start = performance.now();
  const result = await run();
  return { result, seconds: (performance.now() - start) / 1000 };
}

type Counts = Pick<ImportReport, "applied" | "created" | "updated" | "unchanged">;

/** Throws when an import did not do what the scenario expects: a benchmark of a broken import means nothing. */
function expectCounts(label: string, report: ImportReport, expected: Partial<Counts>): void {
  if (report.fileProblems.length > 0 || report.skipped.length > 0)
    throw new Error(`${label}: ${report.fileProblems.length + report.skipped.length} problems`);
  for (const [key, value] of Object.entries(expected)) {
    const actual = report[key as keyof Counts];
    if (actual !== value) throw new Error(`${label}: ${key} is ${actual}, expected ${value}`);
  }
}

const ms = (value: number) => String(Math.round(value));

export const importScenario = defineScenario({
  name: "import",
  description:
    "CSV import of users: dry run, apply (stored, then written in ~3 ms transactions) and a re-import, against bare INSERTs; /healthz over HTTP meanwhile",
  flags: {
    rows: { description: "rows in the generated CSV file", default: 100_000, min: 100 },
  },
  async run(flags) {
    const rows = flags.rows;
    const csv = generateCsv(rows);
    const bench = { kind: "system", label: "bench" } as const;
    const startedAt = new Date();

    const usher = temporaryUsher();
    const baseline = temporaryUsher();
    const deps = { db: usher.database.db, now: () => startedAt };
    const server = await serveUsher(usher);
    const probe = healthProbe(`${server.url}/healthz`);
    try {
      const idle = await probe.during(() => sleep(1_000));
      const dry = await probe.during(() => importUsers(deps, bench, { file: csv, dryRun: true }));
      expectCounts("dry run", dry.result, { applied: false, created: rows });
      const apply = await probe.during(() => importUsers(deps, bench, { file: csv, dryRun: false }));
      expectCounts("apply", apply.result, { applied: true, created: rows });
      const again = await timed(() => importUsers(deps, bench, { file: csv, dryRun: false }));
      expectCounts("re-import", again.result, { applied: true, unchanged: rows });
      const stored = usher.database.sqlite.prepare("SELECT count(*) AS n FROM users").get() as { n: number };
      if (stored.n !== rows) throw new Error(`${stored.n} users stored, expected ${rows}`);
      const bare = await timed(() => baselineInsert(baseline.database, csv));
      const rate = (seconds: number) => String(Math.round(rows / seconds));
      const ratio = apply.seconds / bare.seconds;
      const fastEnough = dry.seconds <= target.seconds && apply.seconds <= target.seconds;
      const worstP99 = Math.max(dry.health.all.p99, apply.health.all.p99);
      const failed = dry.health.failures.length + apply.health.failures.length;
      const healthy = worstP99 < target.healthP99Ms && failed === 0;
      const healthRow = (label: string, l: Latencies, stallMs?: number, failures?: string[]) => [
        label,
        String(l.requests),
        failures === undefined ? "" : String(failures.length),
        ms(l.p50),
        ms(l.p99),
        ms(l.max),
        stallMs === undefined ? "" : ms(stallMs),
      ];
      return {
        lines: [
          ...formatTable([
            ["", "seconds", "rows/s", "× bare"],
            [
              "dry run",
              String(round(dry.seconds, 2)),
              rate(dry.seconds),
              String(round(dry.seconds / bare.seconds, 2)),
            ],
            ["apply", String(round(apply.seconds, 2)), rate(apply.seconds), String(round(ratio, 2))],
            [
              "re-import (unchanged)",
              String(round(again.seconds, 2)),
              rate(again.seconds),
              String(round(again.seconds / bare.seconds, 2)),
            ],
            ["bare INSERTs", String(round(bare.seconds, 2)), rate(bare.seconds), "1"],
          ]),
          `${rows} rows, ${round(csv.length / 1024 / 1024, 1)} MB; the bare INSERTs check nothing and look nothing up`,
          "",
          `GET /healthz over HTTP (the app on 127.0.0.1), one request every ${probeEveryMs} ms from another thread:`,
          ...formatTable([
            ["", "answered", "failed", "p50 ms", "p99 ms", "max ms", "longest stall ms"],
            healthRow("idle (1 s)", idle.health.all, idle.health.stallMs, idle.health.failures),
            healthRow("during the dry run", dry.health.all, dry.health.stallMs, dry.health.failures),
            healthRow("  until the longest stall", dry.health.beforeStall),
            healthRow("during the apply", apply.health.all, apply.health.stallMs, apply.health.failures),
            healthRow("  until the longest stall", apply.health.beforeStall),
          ]),
          "(longest stall: the event loop held at once; the import yields between slices of about 3 ms;",
          " until the longest stall: requests answered before that stall began)",
          `target: dry run and apply each within ${target.seconds} s — ${fastEnough ? "PASS" : "FAIL"}`,
          ...(failed > 0
            ? [
                `failed /healthz requests: ${[...new Set([...dry.health.failures, ...apply.health.failures])].join(", ")}`,
              ]
            : []),
          `target: /healthz p99 under ${target.healthP99Ms} ms, none failed, during the dry run and the apply — ${healthy ? "PASS" : "FAIL"}`,
        ],
        data: {
          rows,
          megabytes: round(csv.length / 1024 / 1024, 1),
          drySeconds: round(dry.seconds, 2),
          applySeconds: round(apply.seconds, 2),
          reimportSeconds: round(again.seconds, 2),
          bareSeconds: round(bare.seconds, 2),
          applyRowsPerSecond: Math.round(rows / apply.seconds),
          ratio: round(ratio, 2),
          healthFailed: failed,
          healthIdleP99Ms: Math.round(idle.health.all.p99),
          healthDryRunP50Ms: Math.round(dry.health.all.p50),
          healthDryRunP99Ms: Math.round(dry.health.all.p99),
          healthDryRunReadingP99Ms: Math.round(dry.health.beforeStall.p99),
          healthApplyP50Ms: Math.round(apply.health.all.p50),
          healthApplyP99Ms: Math.round(apply.health.all.p99),
          healthApplyReadingP99Ms: Math.round(apply.health.beforeStall.p99),
          dryRunStallMs: Math.round(dry.health.stallMs),
          applyStallMs: Math.round(apply.health.stallMs),
          pass: fastEnough && healthy,
        },
        passed: fastEnough && healthy,
      };
    } finally {
      await probe.stop();
      await server.close();
      usher.remove();
      baseline.remove();
    }
  },
});
