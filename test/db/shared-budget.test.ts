import { Api } from "grammy";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import type { OpenDatabase } from "../../src/db/client.js";
import { BudgetRepository } from "../../src/features/budget/budget-repository.js";
import { defaultSharingTiming, SharedBudget } from "../../src/features/budget/shared-budget.js";
import { OutgoingBudget } from "../../src/telegram/outgoing/budget.js";
import { outgoingFetch } from "../../src/telegram/outgoing/outgoing-fetch.js";
import { telegramLimits } from "../../src/telegram/outgoing/pacing.js";
import { atPriority, type Priority, scopeCalls } from "../../src/telegram/outgoing/priority.js";
import { ManualTimers, TestClock } from "../support/clock.js";
import { FakeTelegram } from "../support/fake-telegram/index.js";
import { createSharedTestDatabase } from "../support/test-database.js";

const limit = 30;
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

/** One instance: its own connection, budget and check-ins, sending to the one double through the budget. */
function instanceOver(database: OpenDatabase, name: string, fake: FakeTelegram, timers: ManualTimers) {
  const budget = new OutgoingBudget({ limits: telegramLimits(limit), clock: timers });
  const repository = new BudgetRepository(database.db);
  const sharing = new SharedBudget({
    budget,
    repository,
    instance: name,
    logger: pino({ level: "silent" }),
    clock: timers,
  });
  cleanups.push(() => sharing.stop());
  const api = new Api(fake.token, {
    apiRoot: "http://fake.local",
    fetch: outgoingFetch(budget, { fetch: fake.fetch }),
  });
  // As the bot's own Api: a call's `atPriority` is read where it reaches the budget.
  api.config.use(scopeCalls(undefined));
  const chats = Array.from({ length: 1200 }, () => fake.addUser().id);
  let next = 0;
  const sent = { count: 0 };
  /** Asks for `count` messages at `priority` at once, each to a chat of this instance's own. */
  const send = (count: number, priority: Priority) => {
    for (let i = 0; i < count; i++) {
      const chat = chats[next++ % chats.length] as number;
      void api.sendMessage(chat, `${name} ${next}`, atPriority(priority)).then(() => sent.count++);
    }
  };
  const arrivals = () =>
    fake
      .callsOf("sendMessage")
      .filter((c) => c.ok && chats.includes(Number(c.params.chat_id)))
      .map((c) => c.receivedAt);
  return { budget, sharing, repository, chats, sent, send, arrivals };
}

/** Two instances over one database (a SQLite file, or one PostgreSQL schema) and one double at Telegram's 30/s. */
function twoInstances() {
  const [first, second] = createSharedTestDatabase();
  cleanups.push(first.close);
  const timers = new ManualTimers(new TestClock());
  const fake = new FakeTelegram({ now: timers.now, flood: { globalPerSecond: limit, perChatPerSecond: 1 } });
  const a = instanceOver(first, "a", fake, timers);
  const b = instanceOver(second, "b", fake, timers);
  return { fake, timers, a, b };
}

/** Moves the manual clock on by `ms`, the instances' syncs running meanwhile. */
async function wait(timers: ManualTimers, ms: number): Promise<void> {
  const until = timers.now() + ms;
  // Any timer keeps the manual clock moving.
  timers.setTimeout(() => {}, ms);
  await timers.runUntil(() => timers.now() >= until, 10_000);
}

/** Accepted sends per second between the `from`-th and the last of `times`. */
function rateOf(times: number[], from: number): number {
  const sorted = [...times].sort((x, y) => x - y);
  const first = sorted[from] as number;
  const last = sorted.at(-1) as number;
  return ((sorted.length - 1 - from) * 1000) / (last - first);
}

/** The most accepted sends the double saw in any one second. */
function peakPerSecond(times: number[]): number {
  const sorted = [...times].sort((x, y) => x - y);
  let peak = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[end] as number) - (sorted[start] as number) >= 1000) start++;
    peak = Math.max(peak, end - start + 1);
  }
  return peak;
}

/** The most the pacing sends: the limit per 1,025 ms (a second and its guard). */
const paced = limit * (1000 / 1025);

describe("one sending limit shared by instances on one database", () => {
  it("when both instances send broadcasts at once, then together they keep to the one limit and use nearly all of it", async () => {
    const { fake, timers, a, b } = twoInstances();
    a.sharing.start();
    b.sharing.start();
    a.send(300, "broadcast");
    b.send(300, "broadcast");
    await timers.runUntil(() => a.sent.count + b.sent.count === 600, 60_000);

    expect(fake.stats.tooManyRequests).toBe(0);
    const all = [...a.arrivals(), ...b.arrivals()];
    expect(peakPerSecond(all)).toBeLessThanOrEqual(limit);
    // Once both take turns from the clock: one limit together, not twice it, and not less.
    expect(rateOf(all, 60)).toBeGreaterThan(paced * 0.98);
    expect(rateOf(all, 60)).toBeLessThanOrEqual(limit);
    // Neither waits for the other to finish: their turns interleave.
    expect(Math.min(...b.arrivals())).toBeLessThan(Math.max(...a.arrivals()) - 5000);
    expect(a.budget.snapshot().sharedTurns && b.budget.snapshot().sharedTurns).toBe(true);
  });

  it("when one instance sends a mailing and the other is idle, then the busy one takes the whole limit: nothing is held for the idle one", async () => {
    const { fake, timers, a, b } = twoInstances();
    a.sharing.start();
    b.sharing.start();
    a.send(300, "broadcast");
    await timers.runUntil(() => a.sent.count === 300, 60_000);

    expect(fake.stats.tooManyRequests).toBe(0);
    expect(rateOf(a.arrivals(), 30)).toBeGreaterThan(paced * 0.98);
    expect(peakPerSecond(a.arrivals())).toBeLessThanOrEqual(limit);
  });

  it("when one instance mails and the other answers people, then each reply goes within a few turns and together they keep the whole limit", async () => {
    const { fake, timers, a, b } = twoInstances();
    a.sharing.start();
    b.sharing.start();
    a.send(1000, "broadcast");
    // Four replies a second at the other instance, for thirty seconds, once both share.
    await wait(timers, 1000);
    const replyTimes: number[] = [];
    for (let i = 0; i < 120; i++) {
      timers.setTimeout(() => {
        replyTimes.push(timers.now());
        b.send(1, "reply");
      }, i * 250);
    }
    await timers.runUntil(() => b.sent.count === 120, 60_000);

    expect(fake.stats.tooManyRequests).toBe(0);
    const replies = b.arrivals().sort((x, y) => x - y);
    const waits = replies.map((at, i) => at - (replyTimes[i] as number));
    // The mailing holds at most one turn ahead: a reply takes the next after it.
    expect(Math.max(...waits)).toBeLessThan(3 * (1025 / limit) + 1);
    const all = [...a.arrivals(), ...replies];
    expect(peakPerSecond(all)).toBeLessThanOrEqual(limit);
    const start = replyTimes[0] as number;
    const window = all.filter((t) => t >= start && t < start + 30_000);
    expect(window.length / 30).toBeGreaterThan(paced * 0.98);
    expect(replies).toHaveLength(120);
  });

  it("when an instance joins one that is mailing alone, then it sends nothing until the other takes turns from the clock, and the limit holds across the join", async () => {
    const { fake, timers, a, b } = twoInstances();
    a.sharing.start();
    a.send(600, "broadcast");
    await wait(timers, 5000);
    expect(a.budget.snapshot().sharedTurns).toBe(false);
    const joinedAt = timers.now();
    b.sharing.start();
    b.send(100, "reply");
    await timers.runUntil(() => b.sent.count === 100, 60_000);

    expect(fake.stats.tooManyRequests).toBe(0);
    // The first of b's waits for a's next check-in, at most one sync away.
    expect(Math.min(...b.arrivals())).toBeGreaterThan(joinedAt);
    expect(Math.min(...b.arrivals())).toBeLessThanOrEqual(joinedAt + defaultSharingTiming.syncMs + 100);
    const all = [...a.arrivals(), ...b.arrivals()];
    expect(peakPerSecond(all)).toBeLessThanOrEqual(limit);
    const around = all.filter((t) => t >= joinedAt - 2000 && t < joinedAt + 3000);
    expect(around.length / 5).toBeGreaterThan(paced * 0.95);
  });

  it("when Telegram answers one instance 429, then the other sends nothing until the retry_after is over", async () => {
    const { fake, timers, a, b } = twoInstances();
    let refusedAt: number | undefined;
    fake.failWhen((method, params) => {
      if (method !== "sendMessage" || refusedAt !== undefined || params.chat_id !== a.chats[40])
        return undefined;
      refusedAt = timers.now();
      return {
        error_code: 429,
        description: "Too Many Requests: retry after 3",
        parameters: { retry_after: 3 },
      };
    });
    a.sharing.start();
    b.sharing.start();
    a.send(150, "broadcast");
    b.send(150, "broadcast");
    await timers.runUntil(() => a.sent.count + b.sent.count === 300, 60_000);

    expect(refusedAt).toBeDefined();
    const at = refusedAt as number;
    // The other hears of it at its next sync; from then until the pause ends it sends nothing.
    const heard = at + defaultSharingTiming.syncMs;
    expect(b.arrivals().filter((t) => t >= heard && t < at + 3000)).toEqual([]);
    expect(a.arrivals().filter((t) => t > at && t < at + 3000)).toEqual([]);
    expect(b.arrivals().some((t) => t >= at + 3000)).toBe(true);
    expect(fake.stats.tooManyRequests).toBe(1);
  });

  it("when an instance stops, then its row is gone and the other paces alone again, going on after the clock's last turn", async () => {
    const { fake, timers, a, b } = twoInstances();
    a.sharing.start();
    b.sharing.start();
    a.send(400, "broadcast");
    b.send(100, "broadcast");
    await timers.runUntil(() => b.sent.count === 100, 60_000);
    b.sharing.stop();
    const stoppedAt = timers.now();
    await wait(timers, 1000);
    expect(a.budget.snapshot().sharedTurns).toBe(false);
    await timers.runUntil(() => a.sent.count === 400, 60_000);

    expect(fake.stats.tooManyRequests).toBe(0);
    const all = [...a.arrivals(), ...b.arrivals()];
    expect(peakPerSecond(all)).toBeLessThanOrEqual(limit);
    // Alone from the stop on: the whole limit, taken on from the turns b had.
    expect(
      rateOf(
        a.arrivals().filter((t) => t > stoppedAt),
        0,
      ),
    ).toBeGreaterThan(paced * 0.98);
  });

  it("when an instance is killed, then the other takes every turn at once, and paces alone once the dead row is forgotten", async () => {
    const { fake, timers, a, b } = twoInstances();
    a.sharing.start();
    b.sharing.start();
    await wait(timers, 1000);
    // Killed: it neither syncs nor removes its row.
    const killed = b.sharing;
    killed.stop = () => {};
    timers.clearTimeout((killed as unknown as { timer: unknown }).timer);
    a.send(200, "broadcast");
    await timers.runUntil(() => a.sent.count === 200, 60_000);
    expect(fake.stats.tooManyRequests).toBe(0);
    expect(rateOf(a.arrivals(), 0)).toBeGreaterThan(paced * 0.97);
    expect(a.budget.snapshot().sharedTurns).toBe(true);
    await wait(timers, defaultSharingTiming.forgetAfterMs);
    expect(a.budget.snapshot().sharedTurns).toBe(false);
  });
});
