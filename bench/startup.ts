import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { createDatabase } from "../src/db/client.js";
import { buildCompiledUsher } from "../test/support/compiled-usher.js";
import { FakeTelegram } from "../test/support/fake-telegram/index.js";
import {
  e2eToken,
  freePort,
  sourceCommand,
  temporaryFolder,
  type UsherCommand,
  UsherProcess,
} from "../test/support/usher-process.js";
import { waitFor } from "../test/support/wait-for.js";
import { defineScenario, formatTable, round } from "./scenario.js";

const metricsToken = "bench-metrics-token-0123456789";

interface StartupRun {
  /** Spawn → the first `/healthz` 200: the database migrated and the HTTP server listening. */
  healthyMs: number;
  /** Spawn → the welcome of a /start that was waiting at Telegram before the process started. */
  firstAnswerMs: number;
  /** Resident memory after `idleS` seconds with nothing to do (prom-client's process metric). */
  idleRssMb: number;
  /** SIGTERM → exit 0. */
  stopMs: number;
}

/** One start of one variant against a fresh HTTP double, on a database migrated beforehand. */
async function measureStart(command: UsherCommand, databasePath: string, idleS: number): Promise<StartupRun> {
  const fake = new FakeTelegram({ token: e2eToken });
  const server = await fake.listen();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const usher = new UsherProcess(
    {
      BOT_TOKEN: e2eToken,
      BOT_API_ROOT: server.apiRoot,
      DATABASE_PATH: databasePath,
      LOG_LEVEL: "info",
      HTTP_PORT: String(port),
      METRICS_TOKEN: metricsToken,
    },
    command,
  );
  try {
    const ann = fake.addUser({ first_name: "Ann" });
    fake.enqueue(fake.updates.start(ann));
    const spawnedAt = Date.now();
    usher.start();
    const healthyMs = await untilHealthy(`${base}/healthz`, spawnedAt).catch((error: Error) => {
      throw new Error(`${error.message}\n${usher.output.slice(-20).join("\n")}`);
    });
    await waitFor(() => fake.textsTo(ann.id).length > 0, "the welcome", 60_000);
    // The double stamps each call as it arrives: no polling interval in this figure.
    const welcome = fake.callsOf("sendMessage").find((call) => Number(call.params.chat_id) === ann.id);
    const firstAnswerMs = (welcome?.receivedAt ?? Number.NaN) - spawnedAt;
    await delay(idleS * 1000);
    const metrics = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
    const rss = (await metrics.text()).match(/^process_resident_memory_bytes (\d+)/m)?.[1];
    if (rss === undefined) throw new Error("no process_resident_memory_bytes in /metrics");
    const stopAsked = Date.now();
    usher.signal("SIGTERM");
    if ((await usher.exit(30_000)) !== 0) throw new Error(`exit was not 0:\n${usher.output.join("\n")}`);
    return { healthyMs, firstAnswerMs, idleRssMb: Number(rss) / 2 ** 20, stopMs: Date.now() - stopAsked };
  } finally {
    usher.kill();
    await server.close();
  }
}

/** Asks `/healthz` every 5 ms until it answers 200; the time since `since`. */
async function untilHealthy(url: string, since: number): Promise<number> {
  while (Date.now() - since < 60_000) {
    try {
      const answer = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await answer.arrayBuffer();
      if (answer.status === 200) return Date.now() - since;
    } catch {
      // Not listening yet.
    }
    await delay(5);
  }
  throw new Error("/healthz did not answer 200 within 60 s");
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};
const spread = (values: number[], digits = 0) =>
  `${round(median(values), digits)} (${round(Math.min(...values), digits)}–${round(Math.max(...values), digits)})`;

/**
 * The compiled bot (`npm start`: node dist/main.js, from a folder laid out as the container's) against
 * the sources through tsx (`node --import tsx src/main.ts`, as `npm run dev` and the e2e tests run it):
 * start-up to a healthy `/healthz` and to the first update answered, idle memory, and the stop.
 */
export const startupScenario = defineScenario({
  name: "startup",
  description:
    "the compiled bot (npm start) vs tsx on the sources: spawn → /healthz 200, → first update answered, idle RSS, SIGTERM → exit",
  flags: {
    runs: { description: "starts of each variant, alternating", default: 5 },
    idle: { description: "seconds idle before RSS is read", default: 5 },
  },
  async run(flags) {
    const buildStarted = Date.now();
    const compiled = await buildCompiledUsher();
    const buildMs = Date.now() - buildStarted;
    const folder = temporaryFolder();
    try {
      const variants = [
        { name: "compiled", command: compiled.command, runs: [] as StartupRun[] },
        { name: "tsx", command: sourceCommand, runs: [] as StartupRun[] },
      ];
      for (const variant of variants) {
        // Migrated beforehand: every start measures a restart, not the first one's migrations.
        createDatabase(join(folder.path, `${variant.name}.db`)).close();
      }
      for (let i = 0; i < flags.runs; i++) {
        for (const variant of variants) {
          variant.runs.push(
            await measureStart(variant.command, join(folder.path, `${variant.name}.db`), flags.idle),
          );
        }
      }
      const figures = variants.map((v) => ({
        variant: v.name,
        healthyMs: median(v.runs.map((r) => r.healthyMs)),
        firstAnswerMs: median(v.runs.map((r) => r.firstAnswerMs)),
        idleRssMb: round(median(v.runs.map((r) => r.idleRssMb)), 1),
        stopMs: median(v.runs.map((r) => r.stopMs)),
        runs: v.runs,
      }));
      const [ours, tsx] = figures as [(typeof figures)[0], (typeof figures)[0]];
      const passed = ours.healthyMs <= tsx.healthyMs && ours.idleRssMb <= tsx.idleRssMb;
      return {
        lines: [
          `compiled in ${buildMs} ms (tsc --noCheck); medians of ${flags.runs} starts each (min–max), idle ${flags.idle} s`,
          ...formatTable([
            ["variant", "→ /healthz 200 ms", "→ first answer ms", "idle RSS MB", "SIGTERM → exit ms"],
            ...variants.map((v) => [
              v.name,
              spread(v.runs.map((r) => r.healthyMs)),
              spread(v.runs.map((r) => r.firstAnswerMs)),
              spread(
                v.runs.map((r) => r.idleRssMb),
                1,
              ),
              spread(v.runs.map((r) => r.stopMs)),
            ]),
          ]),
          `target: the compiled bot starts no slower and idles in no more memory than tsx — ${passed ? "PASS" : "FAIL"}`,
        ],
        data: { buildMs, runs: flags.runs, idleS: flags.idle, variants: figures, pass: passed },
        passed,
      };
    } finally {
      folder.remove();
      compiled.remove();
    }
  },
});
