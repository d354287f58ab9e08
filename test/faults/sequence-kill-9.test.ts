import { afterEach, describe, expect, it } from "vitest";
import { sequenceSends } from "../../src/db/schema/index.js";
import { cliActor } from "../../src/features/audit/audit-log.js";
import { addStep, createSequence } from "../../src/features/sequences/sequence-commands.js";
import { subscribe } from "../../src/features/sequences/subscription-commands.js";
import { processWorld } from "../support/process-world.js";
import { e2eToken, UsherProcess } from "../support/usher-process.js";
import { waitFor } from "../support/wait-for.js";

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe("sequences survive kill -9 of the real process", { timeout: 90_000 }, () => {
  it("when the process is killed while steps go out and restarted, then no step is sent twice and none is skipped", async () => {
    const { databasePath, fake, server, services } = await processWorld(cleanups, {
      latencyMs: 15,
    });
    const subscribers = 150;
    const stepCount = 2;
    const now = new Date();
    const sequence = createSequence(services, cliActor, { name: "Drip", enabled: true });
    for (let p = 1; p <= stepCount; p++)
      addStep(services, cliActor, sequence.id, { content: { type: "text", text: `Step ${p}` }, delayMs: 0 });
    const ids: number[] = [];
    for (let i = 0; i < subscribers; i++) {
      const sim = fake.addUser({ first_name: `U${i}`, state: i % 25 === 0 ? "blocked" : "active" });
      services.users.touch({ id: sim.id, is_bot: false, first_name: sim.first_name }, now);
      services.users.register(sim.id, { referrerId: null, campaignId: null }, now);
      subscribe(services, cliActor, { sequenceId: sequence.id, userId: sim.id });
      ids.push(sim.id);
    }
    const sends = () => services.db.select().from(sequenceSends).all();

    const env = {
      BOT_TOKEN: e2eToken,
      BOT_API_ROOT: server.apiRoot,
      DATABASE_PATH: databasePath,
      LOG_LEVEL: "info",
    };
    const first = new UsherProcess(env);
    cleanups.push(() => first.kill());
    first.start();
    await waitFor(() => sends().length >= 60, "steps to be under way", 30_000).catch((error: Error) => {
      throw new Error(`${error.message}\n${first.output.join("\n")}`);
    });
    first.signal("SIGKILL");
    await first.exit();
    expect(sends().length).toBeLessThan(subscribers * stepCount);

    const second = new UsherProcess(env);
    cleanups.push(() => second.kill());
    second.start();
    await waitFor(
      () => services.sequences.stats(sequence.id).active === 0,
      "every subscription to finish after the restart",
      60_000,
    );

    const records = sends();
    // None skipped: every step of every live subscriber has its record (the blocked die after Dead After).
    const alive = ids.filter((_, i) => i % 25 !== 0);
    for (const id of alive) {
      const sub = services.sequences.subscription(sequence.id, id);
      expect(sub?.status).toBe("completed");
      const mine = records.filter((r) => r.subscriptionId === sub?.id).map((r) => r.position);
      expect(mine.sort()).toEqual([0, 1]);
    }
    // Never twice: each step reached each user at most once; "sent" ones exactly once.
    for (const id of alive) {
      const texts = fake.textsTo(id);
      for (let p = 1; p <= stepCount; p++) {
        const received = texts.filter((t) => t === `Step ${p}`).length;
        const sub = services.sequences.subscription(sequence.id, id);
        const record = records.find((r) => r.subscriptionId === sub?.id && r.position === p - 1);
        expect(received).toBeLessThanOrEqual(1);
        if (record?.status === "sent") expect(received).toBe(1);
      }
    }
    expect(records.filter((r) => r.status === "sending")).toEqual([]);
    second.signal("SIGTERM");
    expect(await second.exit()).toBe(0);
  });
});
