import { describe, expect, it } from "vitest";
import { createMetrics } from "../../src/metrics/metrics.js";
import { OutgoingBudget, OutgoingDropped } from "../../src/telegram/outgoing/budget.js";
import type { Priority } from "../../src/telegram/outgoing/priority.js";
import { ManualTimers, TestClock } from "../support/clock.js";

function setup(maxAgeMs?: number) {
  const clock = new TestClock();
  const timers = new ManualTimers(clock);
  const metrics = createMetrics({ processMetrics: false });
  const budget = new OutgoingBudget({
    limits: { perSecond: 10, privateChatMs: 1000, groupChatMs: 3000 },
    clock: timers,
    metrics,
    ...(maxAgeMs !== undefined && { maxAgeMs }),
  });
  const start = timers.now();
  const order: string[] = [];
  const take = (name: string, priority: Priority, chatId?: number) =>
    budget.take({ priority, ...(chatId !== undefined && { chatId }) }).then(
      () => order.push(name),
      (error: unknown) => order.push(`${name} dropped: ${(error as Error).name}`),
    );
  return { budget, timers, metrics, order, take, elapsed: () => timers.now() - start };
}

describe("the outgoing budget", () => {
  it("when broadcasts wait and replies arrive, then the replies go first and the broadcasts take the rest after", async () => {
    const { take, timers, order } = setup();
    const all = [
      ...Array.from({ length: 10 }, (_, i) => take(`b${i}`, "broadcast", 1000 + i)),
      ...Array.from({ length: 5 }, (_, i) => take(`r${i}`, "reply", 1 + i)),
      take("a0", "alert", 500),
    ];
    await timers.runUntil(() => order.length === all.length);
    // The first grants go at once, before the replies were even queued.
    const firstReply = order.indexOf("r0");
    expect(order.slice(firstReply, firstReply + 6)).toEqual(["r0", "r1", "r2", "r3", "r4", "a0"]);
    expect(order.filter((n) => n.startsWith("b"))).toEqual(Array.from({ length: 10 }, (_, i) => `b${i}`));
  });

  it("when one chat has many waiting, then other chats go past it in the meantime", async () => {
    const { take, timers, order } = setup();
    const all = [take("admin1", "alert", 7), take("admin2", "alert", 7), take("admin3", "alert", 7)];
    all.push(take("ann", "alert", 8), take("bob", "alert", 9));
    await timers.runUntil(() => order.length === all.length);
    expect(order).toEqual(["admin1", "ann", "bob", "admin2", "admin3"]);
  });

  it("when a 429 pushes back the budget, then nothing goes before retry_after", async () => {
    const { budget, take, timers, order, elapsed } = setup();
    await take("first", "reply", 1);
    budget.pushBack(30);
    let at = 0;
    const second = take("second", "reply", 2).then(() => {
      at = elapsed();
    });
    await timers.runUntil(() => order.length === 2);
    await second;
    expect(at).toBe(30_000);
  });

  it("when a message waits longer than its max age, then it is dropped and counted; a broadcast without one waits on", async () => {
    const { budget, take, timers, order, metrics } = setup(60_000);
    budget.pushBack(120);
    const reply = take("reply", "reply", 1);
    const broadcast = budget.take({ priority: "broadcast", chatId: 2, maxAgeMs: Number.POSITIVE_INFINITY });
    await timers.runUntil(() => order.length === 1);
    await reply;
    expect(order).toEqual(["reply dropped: OutgoingDropped"]);
    expect(await metrics.render()).toMatch(/usher_outgoing_dropped_total\{reason="max_age"\} 1/);
    let granted = false;
    void broadcast.then(() => {
      granted = true;
    });
    await timers.runUntil(() => granted);
    expect(timers.now()).toBeGreaterThanOrEqual(120_000);
    expect(new OutgoingDropped("reply", 600_000).message).toBe(
      "dropped after waiting 600 s for a turn to send (reply)",
    );
  });

  it("when a waiter's signal aborts, then it leaves the queue and resolves false", async () => {
    const { budget } = setup();
    budget.pushBack(10);
    const stop = new AbortController();
    const turn = budget.take({ priority: "broadcast", chatId: 1, signal: stop.signal });
    expect(budget.snapshot().queued.broadcast).toBe(1);
    stop.abort();
    expect(await turn).toBe(false);
    expect(budget.snapshot().queued.broadcast).toBe(0);
  });

  it("when messages wait, then /metrics shows them by priority with the oldest age", async () => {
    const { budget, take, timers, metrics } = setup();
    budget.pushBack(10);
    void take("r", "reply", 1);
    void take("b1", "broadcast", 2);
    void take("b2", "broadcast", 3);
    let moved = false;
    timers.setTimeout(() => {
      moved = true;
    }, 4000);
    await timers.runUntil(() => moved);
    const text = await metrics.render();
    expect(text).toMatch(/usher_outgoing_queued\{priority="reply"\} 1/);
    expect(text).toMatch(/usher_outgoing_queued\{priority="alert"\} 0/);
    expect(text).toMatch(/usher_outgoing_queued\{priority="broadcast"\} 2/);
    expect(text).toMatch(/usher_outgoing_oldest_age_seconds 4\n/);
    expect(text).toMatch(/usher_telegram_flood_waits_total 1/);
  });
});
