import type { Update } from "grammy/types";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/index.js";
import type { MailingEngine } from "../../src/features/mailing/mailing-engine.js";
import type { Metrics } from "../../src/metrics/metrics.js";
import { OutgoingBudget } from "../../src/telegram/outgoing/budget.js";
import { unpaced } from "../support/bot-harness.js";
import { answerCaptcha } from "../support/gate-helpers.js";
import { type ApiHarness, type ApiHarnessOptions, createApiHarness } from "../support/http-harness.js";
import { createTestEngine, seedBotUsers, textMailing, waitForStatus } from "../support/mailing-helpers.js";

let h: ApiHarness;
let engine: MailingEngine | undefined;
afterEach(async () => {
  await engine?.stop();
  engine = undefined;
  h?.close();
});

/** A bot over the harness's services that counts into `metrics`, as main.ts builds it. */
function meteredBot(harness: ApiHarness, metrics: Metrics) {
  const bot = createBot(harness.fake.token, {
    services: harness.services,
    logger: pino({ level: "silent" }),
    botInfo: harness.fake.botInfo,
    client: { fetch: harness.fake.fetch, apiRoot: "http://fake.local" },
    outgoing: harness.outgoing,
    metrics,
  });
  const send = (update: Update) => bot.handleUpdate(update);
  // The gate helpers send through `h.send`; this harness view sends through the metered bot.
  return { bot, send, view: { ...harness, services: harness.services, send } as unknown as ApiHarness };
}

/** The value of one sample in Prometheus text, e.g. `usher_users{status="active"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

function harness(options: ApiHarnessOptions = {}) {
  h = createApiHarness(options);
  return h;
}

describe("GET /healthz", () => {
  it("when the database answers and polling runs, then 200 ok without a token", async () => {
    harness();
    const answer = await h.get("/healthz", { token: null });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      status: "ok",
      database: "ok",
      mode: "polling",
      polling: { running: true },
    });
    expect(answer.headers.get("cache-control")).toBe("no-store");
  });

  it("when long polling has stopped, then 503 unavailable", async () => {
    harness({ http: { operations: { updates: { mode: "polling", isRunning: () => false } } } });
    const answer = await h.get("/healthz", { token: null });
    expect(answer.status).toBe(503);
    expect(answer.json).toEqual({
      status: "unavailable",
      database: "ok",
      mode: "polling",
      polling: { running: false },
    });
  });

  it("when another instance holds the lease, then this one is a healthy standby that names the active process", async () => {
    const since = new Date("2026-12-01T10:00:00Z");
    harness({
      http: {
        operations: {
          updates: { mode: "polling", isRunning: () => false },
          instance: () => ({ role: "standby", holder: { pid: 4242, host: "box-1", acquiredAt: since } }),
        },
      },
    });
    const answer = await h.get("/healthz", { token: null });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      status: "ok",
      database: "ok",
      mode: "polling",
      polling: { running: false },
      instance: { role: "standby", active: { pid: 4242, host: "box-1", since: since.toISOString() } },
    });
  });

  it("when the database is closed, then 503 naming the database", async () => {
    harness();
    h.database.close();
    const answer = await h.get("/healthz", { token: null });
    expect(answer.status).toBe(503);
    expect(answer.json).toMatchObject({ status: "unavailable", database: "unavailable" });
  });

  it("when in webhook mode, then it names the URL and the time of the last update", async () => {
    let last: Date | null = null;
    const url = "https://bot.example.com/telegram";
    harness({ http: { operations: { updates: { mode: "webhook", url, lastUpdateAt: () => last } } } });
    expect((await h.get("/healthz", { token: null })).json).toEqual({
      status: "ok",
      database: "ok",
      mode: "webhook",
      webhook: { url, last_update_at: null },
    });
    last = new Date("2030-01-02T03:04:05.000Z");
    const answer = await h.get("/healthz", { token: null });
    expect(answer.status).toBe(200);
    expect(answer.json.webhook).toEqual({ url, last_update_at: "2030-01-02T03:04:05.000Z" });
  });
});

describe("GET /metrics", () => {
  it("when updates went through the bot and a mailing was sent, then the counters and gauges show it", async () => {
    harness();
    const { send } = meteredBot(h, h.metrics);
    const newcomer = h.addUser({ first_name: "Nia" });
    await send(h.fake.updates.start(newcomer));
    await send(h.fake.updates.text(newcomer, "hello"));
    seedBotUsers(h, [{}, { state: "blocked" }, {}]);
    const budget = new OutgoingBudget({ limits: unpaced, metrics: h.metrics });
    const setup = createTestEngine(h, { metrics: h.metrics, budget });
    engine = setup.engine;
    const mailing = setup.repository.create(textMailing("News", { deadAfter: 1 }), h.clock.now());
    engine.start();
    await waitForStatus(setup.repository, mailing.id);

    const answer = await h.get("/metrics", { token: null });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    const text = answer.text;
    expect(text).toContain("# TYPE usher_updates_total counter");
    expect(sample(text, 'usher_updates_total{type="message"}')).toBe(2);
    expect(sample(text, 'usher_gate_outcomes_total{outcome="registered"}')).toBe(1);
    expect(sample(text, 'usher_gate_outcomes_total{outcome="captcha_shown"}')).toBe(0);
    // The newcomer and two of the seeded users get it; the one who blocked the bot does not.
    expect(sample(text, 'usher_deliveries_total{kind="mailing",outcome="sent",error_kind=""}')).toBe(3);
    expect(sample(text, 'usher_deliveries_total{kind="mailing",outcome="failed",error_kind="blocked"}')).toBe(
      1,
    );
    expect(sample(text, 'usher_mailings{kind="mailing",status="completed"}')).toBe(1);
    expect(sample(text, 'usher_mailing_queue_depth{kind="mailing"}')).toBe(0);
    expect(sample(text, 'usher_users{status="active"}')).toBe(4);
    expect(sample(text, "usher_users_dead")).toBe(1);
  });

  it("when the gate challenges, registers and answers in maintenance, then each decision is counted once", async () => {
    harness({ settings: { captcha: { enabled: true }, maintenance: { enabled: true } } });
    const { send, view } = meteredBot(h, h.metrics);
    const ann = h.addUser();
    await send(h.fake.updates.start(ann));
    await answerCaptcha(view, ann, false);
    await answerCaptcha(view, ann, true);

    const text = (await h.get("/metrics")).text;
    expect(sample(text, 'usher_gate_outcomes_total{outcome="captcha_shown"}')).toBe(2);
    expect(sample(text, 'usher_gate_outcomes_total{outcome="captcha_failed"}')).toBe(1);
    expect(sample(text, 'usher_gate_outcomes_total{outcome="captcha_passed"}')).toBe(1);
    expect(sample(text, 'usher_gate_outcomes_total{outcome="registered"}')).toBe(1);
    expect(sample(text, 'usher_gate_outcomes_total{outcome="maintenance"}')).toBe(1);
    expect(sample(text, 'usher_updates_total{type="callback_query"}')).toBe(2);
    expect(h.record(ann)?.status).toBe("active");
  });

  it("when a mailing is still queued and Telegram asks to slow down, then queue depth and flood waits show it", async () => {
    harness();
    seedBotUsers(h, [{}, {}]);
    h.fake.failNext("sendMessage", {
      error_code: 429,
      description: "Too Many Requests: retry after 1",
      parameters: { retry_after: 1 },
    });
    const budget = new OutgoingBudget({ limits: unpaced, metrics: h.metrics });
    const setup = createTestEngine(h, { metrics: h.metrics, budget });
    const mailing = setup.repository.create(textMailing("Slowly"), h.clock.now());
    setup.repository.snapshot(mailing.id, h.clock.now());
    const queued = (await h.get("/metrics")).text;
    expect(sample(queued, 'usher_mailing_queue_depth{kind="mailing"}')).toBe(2);
    expect(sample(queued, 'usher_mailings{kind="mailing",status="running"}')).toBe(1);

    engine = setup.engine;
    engine.start();
    await waitForStatus(setup.repository, mailing.id);
    const text = (await h.get("/metrics")).text;
    expect(sample(text, "usher_telegram_flood_waits_total")).toBe(1);
    expect(sample(text, "usher_telegram_flood_wait_seconds_total")).toBe(1);
    expect(sample(text, 'usher_deliveries_total{kind="mailing",outcome="sent",error_kind=""}')).toBe(2);
    expect(sample(text, 'usher_mailing_queue_depth{kind="mailing"}')).toBe(0);
  });

  it("when the database is closed, then process metrics are still served and the database gauges are empty", async () => {
    harness();
    h.database.close();
    const answer = await h.get("/metrics");
    expect(answer.status).toBe(200);
    expect(answer.text).toContain("usher_updates_total");
    expect(sample(answer.text, 'usher_users{status="active"}')).toBeUndefined();
  });

  it("when the server collects no metrics, then 404 metrics_off", async () => {
    harness({ http: { operations: { metrics: undefined } } });
    const answer = await h.get("/metrics");
    expect(answer.status).toBe(404);
    expect(answer.json.error.code).toBe("metrics_off");
  });

  it("when METRICS_TOKEN is set, then /metrics wants it (not the API token) and the document says so", async () => {
    const metricsToken = "metrics-token-0123456789";
    harness({ http: { operations: { metricsToken } } });
    const none = await h.get("/metrics", { token: null });
    expect(none.status).toBe(401);
    expect(none.json.error.message).toMatch(/METRICS_TOKEN/);
    expect((await h.get("/metrics")).status).toBe(401); // the API token is not enough
    const right = await h.get("/metrics", { token: metricsToken });
    expect(right.status).toBe(200);
    expect(right.text).toContain("usher_updates_total");
    expect((await h.get("/healthz", { token: null })).status).toBe(200);
    const doc = (await h.get("/api/openapi.json", { token: null })).json;
    expect(doc.paths["/metrics"].get.security).toEqual([{ bearer: [] }]);
  });
});

describe("the OpenAPI document", () => {
  it("when read, then it lists /healthz and /metrics without bearer security", async () => {
    harness();
    const doc = (await h.get("/api/openapi.json", { token: null })).json;
    expect(doc.paths["/healthz"].get.security).toBeUndefined();
    expect(Object.keys(doc.paths["/healthz"].get.responses)).toEqual(["200", "503"]);
    expect(doc.paths["/metrics"].get.security).toBeUndefined();
    expect(doc.paths["/metrics"].get.responses["200"].content).toHaveProperty("text/plain");
  });
});
