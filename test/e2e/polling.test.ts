import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createServices } from "../../src/bot/services.js";
import { createDatabase } from "../../src/db/client.js";
import { captchaCallbackData } from "../../src/features/gate/captcha/challenge.js";
import { type FakeServer, FakeTelegram } from "../support/fake-telegram/index.js";
import { processDatabase } from "../support/test-database.js";
import { e2eToken, freePort, temporaryFolder, UsherProcess } from "../support/usher-process.js";
import { waitFor } from "../support/wait-for.js";

const ownerId = 900_001;
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup() {
  const folder = temporaryFolder();
  cleanups.push(() => folder.remove());
  const { location: databasePath, env: databaseEnv } = processDatabase(
    join(folder.path, "nested", "usher.db"),
  );
  const fake = new FakeTelegram({ token: e2eToken });
  const server: FakeServer = await fake.listen();
  cleanups.push(() => server.close());
  const port = await freePort();
  const usher = new UsherProcess({
    BOT_TOKEN: e2eToken,
    BOT_API_ROOT: server.apiRoot,
    ...databaseEnv,
    ADMIN_IDS: String(ownerId),
    LOG_LEVEL: "info",
    HTTP_PORT: String(port),
  });
  cleanups.push(() => usher.kill());
  return { fake, usher, databasePath, base: `http://127.0.0.1:${port}` };
}

// A real process: start-up (tsx) and each step take longer on a busy CI machine.
describe("the real process against the HTTP fake Bot API", { timeout: 60_000 }, () => {
  it("when a newcomer presses /start with captcha on, then they pass it and are registered", async () => {
    const { fake, usher, databasePath, base } = await setup();
    // An owner switched the captcha on earlier; the fresh file is created and migrated here.
    const seeded = createDatabase(databasePath);
    createServices(seeded.db, { ownerIds: [ownerId] }).settings.update("captcha", { enabled: true });
    seeded.close();

    fake.addUser({ id: ownerId, first_name: "Owner" });
    const ann = fake.addUser({ first_name: "Ann" });
    usher.start();
    await waitFor(
      () => usher.logs().some((l) => l.msg === "Usher is running (long polling)"),
      "the bot to start",
    );
    // The log line comes before the runner's first getUpdates, so wait for the poll itself.
    await waitFor(() => fake.allowedUpdates.length > 0, "the first getUpdates");
    expect(fake.allowedUpdates).toEqual(
      expect.arrayContaining(["message", "callback_query", "my_chat_member", "chat_member"]),
    );

    fake.enqueue(fake.updates.start(ann));
    const challenge = await waitFor(() => fake.findButton(ann.id, /./), "the captcha");

    const database = createDatabase(databasePath);
    cleanups.push(() => database.close());
    const services = createServices(database.db, { ownerIds: [ownerId] });
    const state = services.captcha.find(ann.id);
    expect(state).toBeDefined();
    fake.enqueue(
      fake.updates.callback(ann, {
        message_id: challenge.message_id,
        data: captchaCallbackData(state?.nonce as string, state?.correctIndex as number),
      }),
    );
    await waitFor(() => fake.textsTo(ann.id).includes("Welcome, Ann! 👋"), "the welcome");
    expect(services.users.find(ann.id)?.status).toBe("active");
    expect(fake.textsTo(ownerId).some((t) => t.startsWith("🆕 New user: Ann"))).toBe(true);
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({
      status: "ok",
      database: "ok",
      mode: "polling",
      polling: { running: true },
      instance: { role: "active", since: expect.any(String) },
    });

    usher.signal("SIGTERM");
    expect(await usher.exit()).toBe(0);
    expect(usher.logs().map((l) => l.msg)).toContain("stopped");
  });

  it("when SIGTERM comes while a user's updates wait in their lane, then each is answered before the process exits", async () => {
    const { fake, usher } = await setup();
    fake.addUser({ id: ownerId, first_name: "Owner" });
    const ann = fake.addUser({ first_name: "Ann" });
    usher.start();
    await waitFor(() => fake.allowedUpdates.length > 0, "the first getUpdates");
    fake.setLatency(300);
    fake.enqueue(fake.updates.start(ann), fake.updates.start(ann), fake.updates.start(ann));
    await waitFor(() => fake.pendingUpdates().length === 0, "the three updates to be fetched");

    usher.signal("SIGTERM");
    expect(await usher.exit(30_000)).toBe(0);
    expect(fake.textsTo(ann.id)).toEqual(["Welcome, Ann! 👋", "Welcome, Ann! 👋", "Welcome, Ann! 👋"]);
  });

  it("when the environment is invalid, then the process exits 1 naming the variable", async () => {
    const bad = new UsherProcess({ BOT_TOKEN: "", ADMIN_IDS: "me" });
    cleanups.push(() => bad.kill());
    bad.start();
    expect(await bad.exit()).toBe(1);
    expect(bad.output.join("\n")).toMatch(/BOT_TOKEN is required/);
    expect(bad.output.join("\n")).toMatch(/ADMIN_IDS "me" is not a numeric Telegram user id/);
  });
});
