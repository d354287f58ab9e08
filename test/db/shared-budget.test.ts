import { Api } from "grammy";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import type { OpenDatabase } from "../../src/db/client.js";
import { BudgetRepository } from "../../src/features/budget/budget-repository.js";
import { minimumShare } from "../../src/features/budget/budget-shares.js";
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

/** One instance: its own connection, budget and share, sending to the one double through the budget. */
function instanceOver(database: OpenDatabase, name: string, fake: FakeTelegram, timers: ManualTimers) {
  const budget = new OutgoingBudget({ limits: telegramLimits(limit), clock: timers });
  const sharing = new SharedBudget({
    budget,
    repository: new BudgetRepository(database.db),
    instance: name,
    limit,
    logger: pino({ level: "silent" }),
    clock: timers,
  });
  sharing.start();
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
  return { budget, sharing, chats, sent, send, arrivals };
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

describe("one sending limit shared by two instances on one database", () => {
  it("when both instances send broadcasts at once, then together they stay within the one limit: no 429, and they use it", async () => {
    const { fake, timers, a, b } = twoInstances();
    a.send(200, "broadcast");
    b.send(200, "broadcast");
    await timers.runUntil(() => a.sent.count + b.sent.count === 400, 60_000);

    expect(fake.stats.tooManyRequests).toBe(0);
    const all = [...a.arrivals(), ...b.arrivals()];
    expect(peakPerSecond(all)).toBeLessThanOrEqual(limit);
    // Once both have synced, together nearly the limit (each alone would take all of it: twice).
    expect(rateOf(all, 60)).toBeGreaterThan(limit * 0.9);
    expect(a.budget.rate + b.budget.rate).toBeLessThanOrEqual(limit + 1e-9);
  });

  it("when one instance sends a mailing and the other is idle, then the busy one takes nearly all of the limit", async () => {
    const { fake, timers, a, b } = twoInstances();
    a.send(300, "broadcast");
    await timers.runUntil(() => a.sent.count === 300, 60_000);

    expect(fake.stats.tooManyRequests).toBe(0);
    expect(b.budget.rate).toBe(minimumShare);
    expect(a.budget.rate).toBeCloseTo(limit - minimumShare);
    // The pacing counts a second as 1,025 ms, as alone.
    expect(rateOf(a.arrivals(), 60)).toBeGreaterThan((limit - minimumShare) * (1000 / 1025) * 0.97);
  });

  it("when one instance mails and the other answers people, then the replies get their turns and the mailing the rest, within the limit", async () => {
    const { fake, timers, a, b } = twoInstances();
    a.send(1000, "broadcast");
    // Four replies a second at the other instance, for thirty seconds.
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
    // A reply waits at most while the other instance's share shrinks to make room (a rise waits 1.5 s).
    expect(Math.max(...waits)).toBeLessThan(defaultSharingTiming.raiseAfterMs + 1000);
    const all = [...a.arrivals(), ...replies];
    expect(peakPerSecond(all)).toBeLessThanOrEqual(limit);
    // Once the replies' share has settled (their first queue, while the rise waits, is drained at a
    // higher rate, and the highest rate of a few seconds is kept): both near the limit.
    const start = replyTimes[0] as number;
    const settled = all.filter((t) => t >= start + 20_000 && t < start + 30_000);
    expect(settled.length / 10).toBeGreaterThan(limit * 0.9);
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

  it("when an instance stops, then its row is gone and the other has the whole limit again", async () => {
    const { timers, a, b } = twoInstances();
    await timers.runUntil(() => timers.now() > 0 && a.budget.rate < limit, 5000);
    b.sharing.stop();
    const stoppedAt = timers.now();
    // Any timer keeps the manual clock moving: a's syncs run meanwhile.
    timers.setTimeout(() => {}, 3000);
    await timers.runUntil(() => timers.now() >= stoppedAt + 3000, 10_000);
    expect(a.budget.rate).toBe(limit);
  });
});
