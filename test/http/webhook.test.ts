import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { InFlightUpdates } from "../../src/bot/in-flight.js";
import { createBot } from "../../src/bot/index.js";
import { createHttpApp } from "../../src/http/app.js";
import { createHarness, type Harness } from "../support/bot-harness.js";
import { waitFor } from "../support/wait-for.js";

const secret = "webhook-secret_0123456789";
/** Log lines of the current test, parsed. */
let logs: Array<{ msg: string; level: number }> = [];
const logger = pino({ level: "info" }, { write: (line: string) => logs.push(JSON.parse(line)) });

let h: Harness;
afterEach(() => h?.close());

/** The HTTP app in webhook mode over a bot as main.ts builds it (updates tracked until they finish). */
function webhookSetup(replyWithinMs?: number) {
  h = createHarness();
  logs = [];
  const inFlight = new InFlightUpdates();
  const bot = createBot(h.fake.token, {
    services: h.services,
    logger,
    botInfo: h.fake.botInfo,
    client: { fetch: h.fake.fetch, apiRoot: "http://fake.local" },
    outgoing: h.outgoing,
    inFlight,
  });
  let lastUpdateAt: Date | null = null;
  const app = createHttpApp({
    services: h.services,
    telegram: bot.api,
    logger,
    operations: {
      db: h.services.db,
      updates: { mode: "webhook", url: "https://bot.example.com/telegram", lastUpdateAt: () => lastUpdateAt },
    },
    webhook: {
      bot,
      path: "/telegram",
      secret,
      logger,
      onUpdate: () => {
        lastUpdateAt = h.clock.now();
      },
      ...(replyWithinMs !== undefined && { replyWithinMs }),
    },
  });
  const post = async (
    body: unknown,
    headers: Record<string, string> = { "X-Telegram-Bot-Api-Secret-Token": secret },
  ) => {
    const response = await app.request("/telegram", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, text, json: text.startsWith("{") ? JSON.parse(text) : undefined };
  };
  return { app, post, inFlight, lastUpdateAt: () => lastUpdateAt };
}

/** The welcome to `user` fails with an error nothing in the bot expects. */
function failWelcome(user: { id: number }) {
  h.fake.failWhen((method, params) =>
    method === "sendMessage" && params.chat_id === user.id
      ? { error_code: 400, description: "Bad Request: something odd" }
      : undefined,
  );
}

describe("POST <webhook path>", () => {
  it("when Telegram posts an update with the right secret, then the bot handles it and health shows the time", async () => {
    const { app, post } = webhookSetup();
    const ann = h.addUser();
    const answer = await post(h.fake.updates.start(ann));
    expect(answer.status).toBe(200);
    expect(h.fake.textsTo(ann.id)).toEqual(["Welcome, Ann! 👋"]);
    expect(h.record(ann)?.status).toBe("active");
    const health = (await (await app.request("/healthz")).json()) as { webhook: { last_update_at: string } };
    expect(health.webhook.last_update_at).toBe(h.clock.now().toISOString());
  });

  it("when the secret header is missing or wrong, then 401 in the API's error shape and nothing is handled", async () => {
    const { post, lastUpdateAt } = webhookSetup();
    const ann = h.addUser();
    const missing = await post(h.fake.updates.start(ann), {});
    expect(missing.status).toBe(401);
    expect(missing.json).toEqual({
      error: { code: "unauthorized", message: "Missing or wrong X-Telegram-Bot-Api-Secret-Token" },
    });
    const wrong = await post(h.fake.updates.start(ann), { "X-Telegram-Bot-Api-Secret-Token": `${secret}x` });
    expect(wrong.status).toBe(401);
    expect(h.fake.textsTo(ann.id)).toEqual([]);
    expect(h.record(ann)).toBeUndefined();
    expect(lastUpdateAt()).toBeNull();
  });

  it("when the path is fetched with GET, then 404 and nothing is handled", async () => {
    const { app } = webhookSetup();
    const answer = await app.request("/telegram", { headers: { "X-Telegram-Bot-Api-Secret-Token": secret } });
    expect(answer.status).toBe(404);
  });

  it("when the body is not JSON or not an update, then 400, and the next update is handled as usual", async () => {
    const { post } = webhookSetup();
    const notJson = await post("{not json");
    expect(notJson.status).toBe(400);
    expect(notJson.json.error.code).toBe("invalid_request");
    expect((await post({ hello: "world" })).status).toBe(400);
    expect((await post([1, 2])).status).toBe(400);

    const ann = h.addUser();
    expect((await post(h.fake.updates.start(ann))).status).toBe(200);
    expect(h.fake.textsTo(ann.id)).toEqual(["Welcome, Ann! 👋"]);
  });

  it("when the body is larger than any update, then 413", async () => {
    const { post } = webhookSetup();
    const answer = await post({ update_id: 1, padding: "x".repeat(1024 * 1024) });
    expect(answer.status).toBe(413);
    expect(answer.json.error.code).toBe("payload_too_large");
  });

  it("when handling takes longer than the reply time, then Telegram gets 200 first and the update still finishes", async () => {
    const { post, inFlight } = webhookSetup(50);
    const ann = h.addUser();
    h.fake.setLatency(400);
    const started = Date.now();
    const answer = await post(h.fake.updates.start(ann));
    expect(answer.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(350);
    expect(h.fake.textsTo(ann.id)).toEqual([]);
    expect(inFlight.size).toBe(1);

    await inFlight.idle();
    expect(h.fake.textsTo(ann.id)).toEqual(["Welcome, Ann! 👋"]);
    expect(h.record(ann)?.status).toBe("active");
  });

  it("when a user's update waits behind their slow one, then Telegram gets 200 at once and shutdown still waits for both", async () => {
    const { post, inFlight } = webhookSetup();
    const ann = h.addUser();
    h.fake.setLatency(300);
    const first = post(h.fake.updates.start(ann));
    await waitFor(() => inFlight.size > 0, "the first update to be handled");
    expect((await post(h.fake.updates.start(ann))).status).toBe(200);
    // Parked in Ann's lane: Telegram's request did not wait for it (nor hold a connection meanwhile).
    expect(h.fake.textsTo(ann.id)).toEqual([]);
    expect(logs.map((l) => l.msg)).not.toContain(
      "update still being handled: answered Telegram, the work goes on",
    );

    await inFlight.idle();
    expect(h.fake.textsTo(ann.id)).toEqual(["Welcome, Ann! 👋", "Welcome, Ann! 👋"]);
    expect((await first).status).toBe(200);
  });

  it("when handling the update fails, then the error is logged as in long polling and Telegram gets 200", async () => {
    const { post } = webhookSetup();
    const ann = h.addUser();
    failWelcome(ann);
    const answer = await post(h.fake.updates.start(ann));
    expect(answer.status).toBe(200);
    expect(logs.filter((l) => l.msg === "update failed")).toHaveLength(1);
    expect(h.record(ann)?.status).toBe("active");
  });

  it("when a slow update fails after Telegram was answered, then it is logged and nothing is left unhandled", async () => {
    const { post, inFlight } = webhookSetup(50);
    const ann = h.addUser();
    h.fake.setLatency(200);
    failWelcome(ann);
    expect((await post(h.fake.updates.start(ann))).status).toBe(200);
    expect(logs.map((l) => l.msg)).toContain(
      "update still being handled: answered Telegram, the work goes on",
    );
    await inFlight.idle();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(logs.filter((l) => l.msg === "update failed")).toHaveLength(1);
  });
});
