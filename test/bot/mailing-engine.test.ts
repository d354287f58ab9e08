import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { deliveries } from "../../src/db/schema/index.js";
import type { MailingEngine } from "../../src/features/mailing/mailing-engine.js";
import { createHarness, type Harness } from "../support/bot-harness.js";
import {
  createTestEngine,
  seedBotUsers,
  stopEngineAfterEach,
  textMailing,
  waitForStatus,
} from "../support/mailing-helpers.js";

let h: Harness;
let engine: MailingEngine | undefined;
stopEngineAfterEach(() => ({ h, engine }));

const mix = () =>
  seedBotUsers(h, [
    { first_name: "Ann" },
    { first_name: "" },
    { state: "blocked" },
    { state: "deactivated" },
    { state: "deleted" },
    { first_name: "Bob" },
  ]);

describe("mailing engine", () => {
  it("when a mailing runs over a mixed audience, then each reachable user gets exactly one message and the rest are classified", async () => {
    h = createHarness();
    const people = mix();
    const setup = createTestEngine(h);
    engine = setup.engine;
    const mailing = setup.repository.create(
      textMailing("Hello {first_name}!", { deadAfter: 1 }),
      h.clock.now(),
    );
    engine.start();
    const done = await waitForStatus(setup.repository, mailing.id);

    expect(done).toMatchObject({ total: 6, sent: 3, failed: 3, unknown: 0, newlyDead: 3 });
    expect(h.fake.textsTo(people[0]?.id as number)).toEqual(["Hello Ann!"]);
    expect(h.fake.textsTo(people[1]?.id as number)).toEqual(["Hello Dear User!"]);
    expect(h.fake.textsTo(people[5]?.id as number)).toEqual(["Hello Bob!"]);
    expect(
      setup.repository.failureBreakdown(mailing.id).sort((a, b) => a.errorKind.localeCompare(b.errorKind)),
    ).toEqual([
      { errorKind: "blocked", count: 1 },
      { errorKind: "chat_not_found", count: 1 },
      { errorKind: "deactivated", count: 1 },
    ]);
    for (const p of people.slice(2, 5)) expect(h.services.users.find(p.id)?.deadAt).not.toBeNull();
    expect(h.fake.callsOf("sendMessage")).toHaveLength(6);
  });

  it("when Dead After is 3, then a blocked user dies on the third failed mailing, and a success resets the count", async () => {
    h = createHarness();
    const [ann] = seedBotUsers(h, [{ state: "blocked" }]);
    const setup = createTestEngine(h);
    engine = setup.engine;
    engine.start();
    for (let round = 1; round <= 3; round++) {
      const m = setup.repository.create(textMailing(`round ${round}`, { deadAfter: 3 }), h.clock.now());
      engine.wake();
      await waitForStatus(setup.repository, m.id);
      const user = h.services.users.find(ann?.id as number);
      expect(user?.failedDeliveries).toBe(round);
      expect(user?.deadAt === null).toBe(round < 3);
    }
    // Dead users are left out of later mailings unless included.
    h.fake.setUserState(ann?.id as number, "active");
    const skipped = setup.repository.create(textMailing("not for the dead"), h.clock.now());
    engine.wake();
    expect((await waitForStatus(setup.repository, skipped.id)).total).toBe(0);
    const revive = setup.repository.create(
      { ...textMailing("welcome back"), audience: { includeDead: true } },
      h.clock.now(),
    );
    engine.wake();
    expect(await waitForStatus(setup.repository, revive.id)).toMatchObject({ sent: 1, revived: 1 });
    expect(h.services.users.find(ann?.id as number)).toMatchObject({ failedDeliveries: 0, deadAt: null });
  });

  it("when Dead After is 1 or 5, then death comes after one or five failures", async () => {
    h = createHarness();
    const [quick, slow] = seedBotUsers(h, [{ state: "blocked" }, { state: "blocked" }]);
    const setup = createTestEngine(h);
    engine = setup.engine;
    engine.start();
    const one = setup.repository.create(
      { ...textMailing("x", { deadAfter: 1 }), audience: { includeDead: true } },
      h.clock.now(),
    );
    engine.wake();
    await waitForStatus(setup.repository, one.id);
    expect(h.services.users.find(quick?.id as number)?.deadAt).not.toBeNull();
    for (let round = 1; round <= 4; round++) {
      const m = setup.repository.create(
        { ...textMailing("y", { deadAfter: 5 }), audience: { includeDead: true } },
        h.clock.now(),
      );
      engine.wake();
      await waitForStatus(setup.repository, m.id);
    }
    expect(h.services.users.find(slow?.id as number)).toMatchObject({ failedDeliveries: 5 });
    expect(h.services.users.find(slow?.id as number)?.deadAt).not.toBeNull();
  });

  it("when Telegram answers 429 storms, then the engine waits globally and nobody is lost or sent twice", async () => {
    h = createHarness({ realTimeFake: true });
    const people = seedBotUsers(
      h,
      Array.from({ length: 40 }, () => ({})),
    );
    h.fake.setFlood({ globalPerSecond: 10, perChatPerSecond: 1 });
    const setup = createTestEngine(h);
    engine = setup.engine;
    const m = setup.repository.create(textMailing("storm", { ratePerSecond: 30 }), h.clock.now());
    engine.start();
    expect(await waitForStatus(setup.repository, m.id)).toMatchObject({ total: 40, sent: 40, failed: 0 });
    for (const p of people) expect(h.fake.textsTo(p.id)).toEqual(["storm"]);
    expect(h.fake.stats.tooManyRequests).toBeGreaterThan(0);
    // One pause serves every call in flight: far fewer 429s than messages.
    expect(h.fake.stats.tooManyRequests).toBeLessThan(20);
  });

  it("when Telegram fails with 5xx for a while, then deliveries are retried and nobody is marked dead", async () => {
    h = createHarness();
    const people = seedBotUsers(h, [{}, {}, {}]);
    h.fake.failNext("sendMessage", { error_code: 502, description: "Bad Gateway" }, 2);
    const setup = createTestEngine(h);
    engine = setup.engine;
    const m = setup.repository.create(textMailing("retry", { deadAfter: 1 }), h.clock.now());
    engine.start();
    expect(await waitForStatus(setup.repository, m.id)).toMatchObject({ sent: 3, failed: 0, newlyDead: 0 });
    for (const p of people) expect(h.fake.textsTo(p.id)).toEqual(["retry"]);
  });

  it("when a mailing is paused, resumed and another cancelled, then sending stops and goes on as told", async () => {
    h = createHarness();
    const people = seedBotUsers(
      h,
      Array.from({ length: 12 }, () => ({})),
    );
    const setup = createTestEngine(h);
    engine = setup.engine;
    const m = setup.repository.create(textMailing("paced", { ratePerSecond: 10 }), h.clock.now());
    engine.start();
    await waitFor(() => (setup.repository.find(m.id)?.sent ?? 0) >= 3);
    expect(setup.repository.control(m.id, "pause", h.clock.now())).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    const sentWhilePaused = setup.repository.find(m.id)?.sent ?? 0;
    await new Promise((r) => setTimeout(r, 300));
    expect(setup.repository.find(m.id)?.sent).toBe(sentWhilePaused);
    expect(sentWhilePaused).toBeLessThan(12);

    expect(setup.repository.control(m.id, "resume", h.clock.now())).toBe(true);
    engine.wake();
    await waitForStatus(setup.repository, m.id);
    for (const p of people) expect(h.fake.textsTo(p.id)).toEqual(["paced"]);

    const c = setup.repository.create(textMailing("cancelled soon", { ratePerSecond: 5 }), h.clock.now());
    engine.wake();
    await waitFor(() => (setup.repository.find(c.id)?.sent ?? 0) >= 1);
    expect(setup.repository.control(c.id, "cancel", h.clock.now())).toBe(true);
    await new Promise((r) => setTimeout(r, 500));
    const cancelled = setup.repository.find(c.id);
    expect(cancelled?.status).toBe("cancelled");
    expect(cancelled?.sent).toBeLessThan(12);
    expect(
      h.fake.callsOf("sendMessage").filter((call) => call.params.text === "cancelled soon"),
    ).toHaveLength(cancelled?.sent as number);
    expect(setup.repository.control(c.id, "resume", h.clock.now())).toBe(false);
  });

  it("when deliveries were in flight at a crash, then they become unknown and are never sent again", async () => {
    h = createHarness();
    const people = seedBotUsers(h, [{}, {}, {}, {}]);
    const setup = createTestEngine(h);
    const m = setup.repository.create(textMailing("once"), h.clock.now());
    setup.repository.snapshot(m.id, h.clock.now());
    setup.repository.markSending(m.id, people[0]?.id as number, h.clock.now());
    setup.repository.markSending(m.id, people[1]?.id as number, h.clock.now());
    engine = setup.engine;
    engine.start();
    expect(await waitForStatus(setup.repository, m.id)).toMatchObject({ total: 4, sent: 2, unknown: 2 });
    expect(h.fake.textsTo(people[0]?.id as number)).toEqual([]);
    expect(h.fake.textsTo(people[2]?.id as number)).toEqual(["once"]);
    const states = h.database.db.select().from(deliveries).where(eq(deliveries.mailingId, m.id)).all();
    expect(states.map((d) => d.state).sort()).toEqual(["sent", "sent", "unknown", "unknown"]);
  });

  it("when a mailing is scheduled, then it waits for its time and then sends", async () => {
    h = createHarness();
    const [ann] = seedBotUsers(h, [{}]);
    const setup = createTestEngine(h);
    engine = setup.engine;
    const m = setup.repository.create(
      { ...textMailing("later"), scheduledAt: new Date(h.clock.now().getTime() + 3_600_000) },
      h.clock.now(),
    );
    expect(m.status).toBe("scheduled");
    engine.start();
    await new Promise((r) => setTimeout(r, 100));
    expect(h.fake.textsTo(ann?.id as number)).toEqual([]);
    h.clock.advance(3_600_000);
    await waitForStatus(setup.repository, m.id);
    expect(h.fake.textsTo(ann?.id as number)).toEqual(["later"]);
  });

  it("when the content is an album, then it is copied whole with copyMessages", async () => {
    h = createHarness();
    const [ann] = seedBotUsers(h, [{}]);
    const first = h.fake.updates.photo(h.owner, { caption: "one" });
    const second = h.fake.updates.photo(h.owner);
    const setup = createTestEngine(h);
    engine = setup.engine;
    const m = setup.repository.create(
      {
        ...textMailing(""),
        payload: {
          kind: "message",
          content: {
            type: "album",
            fromChatId: h.owner.id,
            messageIds: [first.message?.message_id as number, second.message?.message_id as number],
          },
          buttons: [],
        },
      },
      h.clock.now(),
    );
    engine.start();
    expect(await waitForStatus(setup.repository, m.id)).toMatchObject({ sent: 1 });
    expect(h.fake.messagesTo(ann?.id as number).map((x) => x.kind)).toEqual(["photo", "photo"]);
    expect(h.fake.callsOf("copyMessages")).toHaveLength(1);
  });

  it("when Check Users runs, then blocked users are found dead without anyone receiving a message", async () => {
    h = createHarness();
    const people = mix();
    const setup = createTestEngine(h);
    engine = setup.engine;
    const m = setup.repository.create(
      {
        ...textMailing(""),
        kind: "check_users",
        payload: { kind: "probe" },
        options: { ...textMailing("").options, deadAfter: 1 },
      },
      h.clock.now(),
    );
    engine.start();
    expect(await waitForStatus(setup.repository, m.id)).toMatchObject({
      total: 6,
      sent: 3,
      failed: 3,
      newlyDead: 3,
    });
    for (const p of people) expect(h.fake.messagesTo(p.id)).toEqual([]);
    expect(h.fake.callsOf("sendChatAction")).toHaveLength(6);
  });
});

async function waitFor(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 10));
  }
}
