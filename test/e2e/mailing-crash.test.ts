import { afterEach, describe, expect, it } from "vitest";
import { textMailing } from "../support/mailing-helpers.js";
import { processWorld } from "../support/process-world.js";
import { e2eToken, UsherProcess } from "../support/usher-process.js";
import { waitFor } from "../support/wait-for.js";

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

// A real process: start-up (tsx) and each step take longer on a busy CI machine.
describe("a mailing survives kill -9 of the real process", { timeout: 60_000 }, () => {
  it("when the process is killed mid-mailing and restarted, then it finishes with no duplicate and everyone accounted for", async () => {
    const { databaseEnv, fake, server, services } = await processWorld(cleanups, {
      latencyMs: 15,
    });
    const recipients = 400;
    const now = new Date();
    for (let i = 0; i < recipients; i++) {
      const sim = fake.addUser({ first_name: `U${i}`, state: i % 20 === 0 ? "blocked" : "active" });
      services.users.touch({ id: sim.id, is_bot: false, first_name: sim.first_name }, now);
      services.users.register(sim.id, { referrerId: null, campaignId: null }, now);
    }
    const mailing = services.mailings.create(
      textMailing("Only once, {first_name}", { ratePerSecond: 100 }),
      now,
    );

    const env = {
      BOT_TOKEN: e2eToken,
      BOT_API_ROOT: server.apiRoot,
      ...databaseEnv,
      LOG_LEVEL: "info",
    };
    const first = new UsherProcess(env);
    cleanups.push(() => first.kill());
    first.start();
    await waitFor(
      () => (services.mailings.find(mailing.id)?.sent ?? 0) >= 60,
      "the mailing to be under way",
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${first.output.join("\n")}`);
    });
    first.signal("SIGKILL");
    await first.exit();
    const atKill = services.mailings.find(mailing.id);
    expect(atKill?.status).toBe("running");
    expect(atKill?.sent).toBeLessThan(recipients);

    const second = new UsherProcess(env);
    cleanups.push(() => second.kill());
    second.start();
    const done = await waitFor(
      () => {
        const m = services.mailings.find(mailing.id);
        return m?.status === "completed" ? m : undefined;
      },
      "the mailing to complete after the restart",
      30_000,
    );

    expect(done.total).toBe(recipients);
    expect(done.sent + done.failed + done.unknown).toBe(recipients);
    expect(done.failed).toBe(recipients / 20);
    const received = [...Array(recipients).keys()].map((i) => fake.textsTo(5_000_001 + i).length);
    expect(Math.max(...received)).toBe(1);
    // Unknown deliveries may or may not have reached the user, but never twice; all others exactly once.
    expect(received.filter((n) => n === 1).length).toBeGreaterThanOrEqual(done.sent);
    expect(received.filter((n) => n === 1).length).toBeLessThanOrEqual(done.sent + done.unknown);
    second.signal("SIGTERM");
    expect(await second.exit()).toBe(0);
  });
});
