import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type FakeServer, FakeTelegram } from "../support/fake-telegram/index.js";
import { processDatabase } from "../support/test-database.js";
import { e2eToken, freePort, temporaryFolder, UsherProcess } from "../support/usher-process.js";
import { waitFor } from "../support/wait-for.js";

const ownerId = 900_001;
const secret = "e2e-webhook-secret_0123456789";
const apiToken = "e2e-api-token-0123456789";
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

// A real process: start-up (tsx) and each step take longer on a busy CI machine.
describe("the real process in webhook mode against the HTTP fake Bot API", { timeout: 60_000 }, () => {
  it("when WEBHOOK_URL is set, then it registers the webhook, answers pushed updates and serves health and the API", async () => {
    const folder = temporaryFolder();
    cleanups.push(() => folder.remove());
    const fake = new FakeTelegram({ token: e2eToken });
    const server: FakeServer = await fake.listen();
    cleanups.push(() => server.close());
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const usher = new UsherProcess({
      BOT_TOKEN: e2eToken,
      BOT_API_ROOT: server.apiRoot,
      ...processDatabase(join(folder.path, "usher.db")).env,
      ADMIN_IDS: String(ownerId),
      LOG_LEVEL: "info",
      HTTP_PORT: String(port),
      WEBHOOK_URL: `${base}/telegram`,
      WEBHOOK_SECRET: secret,
      API_TOKEN: apiToken,
    });
    cleanups.push(() => usher.kill());
    fake.addUser({ id: ownerId, first_name: "Owner" });
    const ann = fake.addUser({ first_name: "Ann" });

    usher.start();
    await waitFor(() => usher.logs().some((l) => l.msg === "Usher is running (webhook)"), "the bot to start");
    expect(fake.webhookRegistration).toEqual({ url: `${base}/telegram`, secretToken: secret });
    expect(fake.allowedUpdates).toEqual(expect.arrayContaining(["message", "callback_query", "chat_member"]));
    expect(fake.callsOf("getUpdates")).toHaveLength(0);

    fake.enqueue(fake.updates.start(ann));
    await waitFor(() => fake.textsTo(ann.id).includes("Welcome, Ann! 👋"), "the welcome");
    await waitFor(() => fake.pendingUpdates().length === 0, "Telegram to see the update accepted");
    expect(fake.webhookAttempts.map((a) => a.status)).toEqual([200]);
    expect(fake.textsTo(ownerId).some((t) => t.startsWith("🆕 New user: Ann"))).toBe(true);

    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      status: "ok",
      database: "ok",
      mode: "webhook",
      webhook: { url: `${base}/telegram`, last_update_at: expect.any(String) },
    });
    const stats = await fetch(`${base}/api/stats`, { headers: { authorization: `Bearer ${apiToken}` } });
    expect(stats.status).toBe(200);
    expect(((await stats.json()) as { users: { active: number } }).users.active).toBe(1);
    expect((await fetch(`${base}/api/stats`)).status).toBe(401);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/^usher_updates_total\{type="message"\} 1$/m);
    expect(metrics).toMatch(/^process_cpu_seconds_total /m);

    usher.signal("SIGTERM");
    expect(await usher.exit()).toBe(0);
    expect(usher.logs().map((l) => l.msg)).toContain("stopped");
    // The webhook stays set: Telegram keeps the updates that arrive while Usher is down for the next start.
    expect(fake.callsOf("deleteWebhook")).toHaveLength(0);
    expect(fake.webhookRegistration.url).toBe(`${base}/telegram`);
  });
});
