import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { deliveries } from "../../src/db/schema/index.js";
import type { MailingEngine } from "../../src/features/mailing/mailing-engine.js";
import { createHarness, type Harness } from "../support/bot-harness.js";
import { createTestEngine, seedBotUsers, textMailing, waitForStatus } from "../support/mailing-helpers.js";
import { refuseUpdates } from "../support/refuse-updates.js";
import { waitFor } from "../support/wait-for.js";

let h: Harness;
let engine: MailingEngine | undefined;
let lift: (() => void) | undefined;
afterEach(async () => {
  await engine?.stop();
  engine = undefined;
  lift?.();
  lift = undefined;
  h.close();
});

const statesOf = (mailingId: number) =>
  h.database.db
    .select({ userId: deliveries.userId, state: deliveries.state })
    .from(deliveries)
    .where(eq(deliveries.mailingId, mailingId))
    .all();

/** Makes the database itself refuse a delivery's move to `state` for one user until the returned function runs. */
function failWritesOf(userId: number, state: "sent" | "failed" | "pending"): () => void {
  lift = refuseUpdates(h.database, {
    table: "deliveries",
    column: "state",
    when: `NEW.user_id = ${userId} AND NEW.state = '${state}'`,
    message: "database or disk is full",
  });
  return lift;
}

describe("mailing engine at the edges", () => {
  it("when a delivery stays sending in a live process, then the engine backs off and the event loop stays free", async () => {
    h = createHarness();
    const people = seedBotUsers(h, [{}, {}, {}]);
    const setup = createTestEngine(h);
    engine = setup.engine;
    const m = setup.repository.create(textMailing("hello"), h.clock.now());
    setup.repository.snapshot(m.id, h.clock.now());
    engine.start();
    // Held by someone else (another instance, a write that never came): not pending, not finished.
    setup.repository.markSending(m.id, people[0]?.id as number, h.clock.now());
    const runs = vi.spyOn(setup.repository, "nextToRun");

    await waitFor(() => h.fake.textsTo(people[2]?.id as number).length === 1, "the others to be sent");
    const timerFired = await new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 200));
    expect(timerFired).toBe(true);
    await new Promise((r) => setTimeout(r, 1500));

    expect(setup.repository.find(m.id)?.status).toBe("running");
    // The tick looks for work; the stuck mailing is not started over and over.
    expect(runs.mock.calls.length).toBeLessThan(200);
    expect(h.fake.textsTo(people[0]?.id as number)).toEqual([]);
  });

  it("when the outcome write fails after Telegram accepted the message, then it is retried and nothing stays sending", async () => {
    h = createHarness();
    const people = seedBotUsers(h, [{}, {}, {}]);
    const victim = people[1]?.id as number;
    const restore = failWritesOf(victim, "sent");
    const setup = createTestEngine(h);
    engine = setup.engine;
    const m = setup.repository.create(textMailing("once"), h.clock.now());
    engine.start();

    await waitFor(() => h.fake.textsTo(victim).length === 1, "the message to be delivered");
    await new Promise((r) => setTimeout(r, 300));
    expect(statesOf(m.id).find((d) => d.userId === victim)?.state).toBe("sending");
    expect(setup.repository.find(m.id)?.status).toBe("running");
    restore();

    expect(await waitForStatus(setup.repository, m.id)).toMatchObject({ total: 3, sent: 3, unknown: 0 });
    for (const p of people) expect(h.fake.textsTo(p.id)).toEqual(["once"]);
    expect(statesOf(m.id).every((d) => d.state === "sent")).toBe(true);
  });

  it("when the write after a 429 fails, then the delivery still goes back to pending and is sent once", async () => {
    h = createHarness({ realTimeFake: true });
    const people = seedBotUsers(h, [{}, {}]);
    const victim = people[0]?.id as number;
    h.fake.failNext("sendMessage", {
      error_code: 429,
      description: "Too Many Requests: retry after 1",
      parameters: { retry_after: 1 },
    });
    const restore = failWritesOf(victim, "pending");
    setTimeout(restore, 400);
    const setup = createTestEngine(h);
    engine = setup.engine;
    const m = setup.repository.create(textMailing("again"), h.clock.now());
    engine.start();

    expect(await waitForStatus(setup.repository, m.id)).toMatchObject({ total: 2, sent: 2 });
    for (const p of people) expect(h.fake.textsTo(p.id)).toEqual(["again"]);
  });

  it("when a delivery was made unknown meanwhile, then its late outcome changes no state and no count", () => {
    h = createHarness();
    const [ann] = seedBotUsers(h, [{}]);
    const { repository } = createTestEngine(h);
    const m = repository.create(textMailing("late"), h.clock.now());
    repository.snapshot(m.id, h.clock.now());
    const userId = ann?.id as number;
    expect(repository.markSending(m.id, userId, h.clock.now())).toBe(true);
    expect(repository.recoverInFlight(h.clock.now())).toEqual([{ mailingId: m.id, unknown: 1 }]);

    expect(repository.recordOutcome(m.id, userId, { state: "sent" }, 1, h.clock.now())).toBe(false);

    expect(repository.find(m.id)).toMatchObject({ total: 1, sent: 0, unknown: 1 });
    const row = h.database.db
      .select()
      .from(deliveries)
      .where(and(eq(deliveries.mailingId, m.id), eq(deliveries.userId, userId)))
      .get();
    expect(row?.state).toBe("unknown");
  });
});
