import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { autoRetry } from "@grammyjs/auto-retry";
import { Api } from "grammy";
import { pino } from "pino";
import { createServices, type Services } from "../src/bot/services.js";
import type { OpenDatabase } from "../src/db/client.js";
import {
  defaultMailingOptions,
  freeRateLimit,
  type MailingOptions,
} from "../src/features/mailing/mailing.js";
import { MailingEngine } from "../src/features/mailing/mailing-engine.js";
import { OutgoingBudget } from "../src/telegram/outgoing/budget.js";
import { telegramLimits } from "../src/telegram/outgoing/pacing.js";
import { FakeTelegram } from "../test/support/fake-telegram/index.js";
import { bulkInsert, type Engine, engineNames, openBenchDatabase } from "./database.js";
import { defineScenario, formatTable, round } from "./scenario.js";
import type { SnapshotMeasurement } from "./snapshot-child.js";

const snapshotChild = fileURLToPath(new URL("./snapshot-child.ts", import.meta.url));

const silent = pino({ level: "silent" });

/**
 * A throwaway database with Usher's schema and services: a SQLite file (WAL, as in production) or a
 * schema of its own on the bench's PostgreSQL server.
 */
export function temporaryUsher(engine: Engine = "sqlite"): {
  database: OpenDatabase;
  services: Services;
  remove(): void;
} {
  const { database, remove } = openBenchDatabase(engine);
  const services = createServices(database.db, { ownerIds: [] });
  return { database, services, remove };
}

const botUserColumns = [
  "id",
  "first_name",
  "status",
  "first_seen_at",
  "last_seen_at",
  "registered_at",
  "referral_code",
] as const;

/** Inserts `count` registered bot users with ids from `firstId`, as fast as the database takes them. */
export function insertBotUsers(database: OpenDatabase, firstId: number, count: number): void {
  const now = Date.now();
  bulkInsert(database, { users: botUserColumns }, ({ users }) => {
    for (let i = 0; i < count; i++) {
      const id = firstId + i;
      users.add(id, `User${i}`, "active", now, now, now, `c${id}`);
    }
  });
}

export function mailingOptions(overrides: Partial<MailingOptions>): MailingOptions {
  return { ...defaultMailingOptions, ...overrides };
}

/**
 * Waits for the engine to finish the mailing (its own start and finish times give the rate). A look
 * every half second: on PostgreSQL each is a round trip on the engine's thread.
 */
async function waitUntilFinished(services: Services, id: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (services.mailings.statusOf(id) !== "completed") {
    if (Date.now() > deadline) throw new Error(`mailing ${id} did not finish in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

export function engineFor(services: Services, api: Api): MailingEngine {
  return new MailingEngine({
    api,
    budget: new OutgoingBudget({ limits: telegramLimits(freeRateLimit) }),
    repository: services.mailings,
    mailingVariants: services.mailingVariants,
    personalization: services.personalization,
    topics: services.topics,
    settings: services.settings,
    variants: services.variants,
    logger: silent,
    now: () => new Date(),
    wake: services.mailingWake,
    tickMs: 50,
  });
}

/** Sends a mailing through the engine against a fake served over HTTP; the achieved rate and the 429s. */
async function measureEngine(options: {
  recipients: number;
  blockedShare: number;
  latencyMs: number;
  floodPerSecond: number;
  mailing: Partial<MailingOptions>;
  paid: boolean;
  engine: Engine;
}) {
  const usher = temporaryUsher(options.engine);
  const fake = new FakeTelegram({
    latencyMs: options.latencyMs,
    flood: { globalPerSecond: options.floodPerSecond, perChatPerSecond: 1 },
  });
  const server = await fake.listen();
  try {
    const firstId = 5_000_001;
    for (let i = 0; i < options.recipients; i++) {
      fake.addUser({ state: i < options.recipients * options.blockedShare ? "blocked" : "active" });
    }
    insertBotUsers(usher.database, firstId, options.recipients);
    if (options.paid) usher.services.settings.update("mailing", { paidBroadcast: true });
    const mailing = usher.services.mailings.create(
      {
        kind: "mailing",
        payload: { kind: "message", content: { type: "text", text: "Hello {first_name}" }, buttons: [] },
        audience: { includeDead: false },
        options: mailingOptions(options.mailing),
        createdBy: null,
      },
      new Date(),
    );
    const engine = engineFor(usher.services, new Api(fake.token, { apiRoot: server.apiRoot }));
    engine.start();
    await waitUntilFinished(usher.services, mailing.id, 60 * 60_000);
    await engine.stop();
    const done = usher.services.mailings.find(mailing.id);
    if (!done?.startedAt || !done.finishedAt) throw new Error("mailing has no start or finish time");
    const seconds = (done.finishedAt.getTime() - done.startedAt.getTime()) / 1000;
    const attempted = done.sent + done.failed;
    if (attempted !== options.recipients)
      throw new Error(`${attempted} of ${options.recipients} recipients handled`);
    const expectedFailures = Math.ceil(options.recipients * options.blockedShare);
    if (done.failed !== expectedFailures)
      throw new Error(`${done.failed} failures, expected ${expectedFailures}`);
    for (let i = 0; i < options.recipients; i += Math.max(1, Math.floor(options.recipients / 500))) {
      if (fake.textsTo(firstId + i).length > 1) throw new Error(`user ${firstId + i} got the mailing twice`);
    }
    return {
      seconds,
      rate: attempted / seconds,
      tooManyRequests: fake.stats.tooManyRequests,
      sent: done.sent,
    };
  } finally {
    await server.close();
    usher.remove();
  }
}

/** The naive way: one `await sendMessage` after another, auto-retry waiting out 429s. */
async function measureNaiveLoop(recipients: number, latencyMs: number, floodPerSecond: number) {
  const fake = new FakeTelegram({
    latencyMs,
    flood: { globalPerSecond: floodPerSecond, perChatPerSecond: 1 },
  });
  const server = await fake.listen();
  try {
    const ids = Array.from(
      { length: recipients },
      (_, i) => fake.addUser({ state: i % 20 === 0 ? "blocked" : "active" }).id,
    );
    const api = new Api(fake.token, { apiRoot: server.apiRoot });
    api.config.use(autoRetry());
    const started = performance.now();
    for (const id of ids) await api.sendMessage(id, "Hello").catch(() => undefined);
    const seconds = (performance.now() - started) / 1000;
    return { seconds, rate: recipients / seconds, tooManyRequests: fake.stats.tooManyRequests };
  } finally {
    await server.close();
  }
}

export const mailingRateScenario = defineScenario({
  name: "mailing",
  description:
    "a mailing against the HTTP fake (100 ms per call, 30 msg/s flood limit, 5% blocked), against a naive sequential loop",
  flags: {
    recipients: { description: "recipients of the engine's mailing", default: 3000, min: 100 },
    naive: { description: "recipients of the naive loop", default: 600, min: 20 },
  },
  databases: true,
  async run(flags, database: Engine) {
    const limit = 30;
    const engine = await measureEngine({
      recipients: flags.recipients,
      blockedShare: 0.05,
      latencyMs: 100,
      floodPerSecond: limit,
      mailing: { ratePerSecond: limit, deadAfter: 1 },
      paid: false,
      engine: database,
    });
    const naive = await measureNaiveLoop(flags.naive, 100, limit);
    const fraction = engine.rate / limit;
    const passed = fraction >= 0.95;
    return {
      lines: [
        ...formatTable([
          ["", "recipients", "seconds", "msg/s", "of limit", "429s"],
          [
            `engine (${engineNames[database]})`,
            String(flags.recipients),
            String(round(engine.seconds)),
            String(round(engine.rate, 2)),
            `${round(fraction * 100)}%`,
            String(engine.tooManyRequests),
          ],
          [
            "naive loop",
            String(flags.naive),
            String(round(naive.seconds)),
            String(round(naive.rate, 2)),
            `${round((naive.rate / limit) * 100)}%`,
            String(naive.tooManyRequests),
          ],
        ]),
        `engine / naive rate: ${round(engine.rate / naive.rate, 2)}×`,
        `target: ≥ 95% of the limit with a handful of 429s — ${passed ? "PASS" : "FAIL"}`,
      ],
      data: {
        recipients: flags.recipients,
        engine: {
          seconds: round(engine.seconds, 2),
          rate: round(engine.rate, 2),
          tooManyRequests: engine.tooManyRequests,
        },
        naive: { recipients: flags.naive, seconds: round(naive.seconds, 2), rate: round(naive.rate, 2) },
        fractionOfLimit: round(fraction, 3),
        pass: passed,
      },
      passed,
      figures: [
        { metric: "mailing: msg/s at the 30/s limit", value: engine.rate, digits: 2 },
        { metric: "mailing: % of the limit", value: fraction * 100 },
        { metric: "mailing: 429s", value: engine.tooManyRequests, digits: 0 },
      ],
    };
  },
});

export const paidBroadcastScenario = defineScenario({
  name: "paid",
  description: "paid broadcast at 1000 msg/s against the HTTP fake with 100 ms per call",
  flags: { paid: { description: "recipients of the paid broadcast", default: 50_000, min: 1000 } },
  async run(flags) {
    const limit = 1000;
    const result = await measureEngine({
      recipients: flags.paid,
      blockedShare: 0,
      latencyMs: 100,
      floodPerSecond: limit,
      mailing: { ratePerSecond: limit, paidBroadcast: true },
      paid: true,
      engine: "sqlite",
    });
    const fraction = result.rate / limit;
    const passed = fraction >= 0.9;
    return {
      lines: [
        ...formatTable([
          ["", "recipients", "seconds", "msg/s", "of 1000/s", "429s"],
          [
            "engine",
            String(flags.paid),
            String(round(result.seconds)),
            String(round(result.rate)),
            `${round(fraction * 100)}%`,
            String(result.tooManyRequests),
          ],
        ]),
        `target: ≥ 90% of 1000 msg/s — ${passed ? "PASS" : "FAIL"}`,
      ],
      data: {
        recipients: flags.paid,
        seconds: round(result.seconds, 2),
        rate: round(result.rate),
        fraction: round(fraction, 3),
        pass: passed,
      },
      passed,
    };
  },
});

/** Runs one snapshot measurement in a fresh process, so no earlier scenario's heap inflates its RSS. */
function measureSnapshotInChild(
  audience: number,
  sendSeconds: number,
  engine: Engine,
): Promise<SnapshotMeasurement> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", snapshotChild, String(audience), String(sendSeconds), engine],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) reject(new Error(`snapshot measurement exited with ${code}`));
      else resolve(JSON.parse(output.trim().split("\n").at(-1) ?? "{}") as SnapshotMeasurement);
    });
  });
}

export const snapshotScenario = defineScenario({
  name: "snapshot",
  description:
    "a mailing to a large audience: snapshot time, and peak RSS over the snapshot and the first seconds of sending",
  flags: {
    audience: { description: "recipients of the large mailing", default: 1_000_000, min: 1000 },
    small: { description: "a smaller audience to compare memory with", default: 100_000, min: 1000 },
    seconds: { description: "seconds of sending measured", default: 30, min: 1 },
  },
  databases: true,
  async run(flags, engine: Engine) {
    const small = await measureSnapshotInChild(flags.small, flags.seconds, engine);
    const large = await measureSnapshotInChild(flags.audience, flags.seconds, engine);
    const growth = large.peakRssMb - small.peakRssMb;
    const passed = large.peakRssMb < 200 && growth < 20;
    return {
      lines: [
        ...formatTable([
          ["audience", "snapshot s", "peak RSS MB", "sent in window"],
          [
            String(flags.small),
            String(round(small.snapshotSeconds, 2)),
            String(round(small.peakRssMb)),
            String(small.sent),
          ],
          [
            String(flags.audience),
            String(round(large.snapshotSeconds, 2)),
            String(round(large.peakRssMb)),
            String(large.sent),
          ],
        ]),
        `peak RSS growth from ${flags.small} to ${flags.audience} recipients: ${round(growth)} MB`,
        `target: peak RSS < 200 MB and no growth with audience size (< 20 MB) — ${passed ? "PASS" : "FAIL"}`,
      ],
      data: {
        audience: flags.audience,
        small: flags.small,
        snapshotSeconds: round(large.snapshotSeconds, 2),
        peakRssMb: round(large.peakRssMb),
        smallPeakRssMb: round(small.peakRssMb),
        pass: passed,
      },
      passed,
      figures: [
        { metric: `snapshot: ${flags.audience} recipients, s`, value: large.snapshotSeconds, digits: 2 },
        { metric: `snapshot: peak RSS MB, ${flags.audience}`, value: large.peakRssMb, digits: 0 },
        { metric: `snapshot: peak RSS MB, ${flags.small}`, value: small.peakRssMb, digits: 0 },
        { metric: `snapshot: sent in ${flags.seconds} s at 1000/s`, value: large.sent, digits: 0 },
      ],
    };
  },
});
