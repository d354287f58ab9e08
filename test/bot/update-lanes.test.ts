import type { RunnerHandle } from "@grammyjs/runner";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { InFlightUpdates } from "../../src/bot/in-flight.js";
import { createBot } from "../../src/bot/index.js";
import { startPolling } from "../../src/bot/polling.js";
import { pauseFor } from "../../src/features/users/takeover/pause.js";
import { TakeoverRepository } from "../../src/features/users/takeover/takeover-repository.js";
import { createMetrics, type Metrics } from "../../src/metrics/metrics.js";
import { createHarness, type Harness, ownerId } from "../support/bot-harness.js";
import type { ApiErrorShape, Params, SimUser } from "../support/fake-telegram/index.js";
import { waitFor } from "../support/wait-for.js";

let h: Harness;
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  h?.close();
});

/** Telegram throttling one chat: every reply to it meets a 429 that auto-retry waits out, 3 times. */
function throttle(user: SimUser, retryAfter: number, times = Number.POSITIVE_INFINITY): () => void {
  let left = times;
  return h.fake.failWhen((method: string, params: Params): ApiErrorShape | undefined => {
    if (method !== "sendMessage" || Number(params.chat_id) !== user.id || left <= 0) return undefined;
    left -= 1;
    return {
      error_code: 429,
      description: `Too Many Requests: retry after ${retryAfter}`,
      parameters: { retry_after: retryAfter },
    };
  });
}

async function counter(metrics: Metrics, name: string): Promise<number> {
  const found = (await metrics.render()).match(new RegExp(`^${name} (\\d+)$`, "m"));
  return Number(found?.[1] ?? Number.NaN);
}

function poll(concurrency: number): RunnerHandle {
  const runner = startPolling(h.bot, concurrency);
  cleanups.push(() => runner.stop());
  return runner;
}

describe("per-user lanes", { timeout: 30_000 }, () => {
  it("when one user sends 200 updates at once, then others' /start are answered and the flooder's excess is dropped and counted", async () => {
    const metrics = createMetrics({ processMetrics: false });
    h = createHarness({ realTimeFake: true, metrics, settings: { newUserAlerts: { enabled: false } } });
    const flooder = h.addUser({ first_name: "Flo" });
    const ann = h.addUser({ first_name: "Ann" });
    const bob = h.addUser({ first_name: "Bob" });
    // Each of the flooder's updates waits out three 429s (9 s): under one-at-a-time-per-user alone,
    // their 200 updates would hold every slot for half an hour.
    cleanups.push(throttle(flooder, 3));
    h.fake.enqueue(...Array.from({ length: 200 }, () => h.fake.updates.start(flooder)));
    h.fake.enqueue(h.fake.updates.start(ann), h.fake.updates.start(bob));

    poll(10);
    await waitFor(
      () => h.fake.textsTo(ann.id).length > 0 && h.fake.textsTo(bob.id).length > 0,
      "Ann's and Bob's welcomes",
      5_000,
    );
    expect(h.fake.textsTo(ann.id)).toEqual(["Welcome, Ann! 👋"]);
    expect(h.fake.textsTo(bob.id)).toEqual(["Welcome, Bob! 👋"]);
    // One being handled, 20 waiting, the rest dropped; never answered, so never sent to.
    expect(await counter(metrics, 'usher_updates_dropped_total\\{reason="lane_full"\\}')).toBe(179);
    expect(h.fake.textsTo(flooder.id)).toEqual([]);
  });

  it("when an admin sends many updates at once, then none is dropped", async () => {
    const metrics = createMetrics({ processMetrics: false });
    h = createHarness({ metrics, lanes: { maxQueuedPerUser: 2 } });
    h.fake.setLatency(5);
    await Promise.all(Array.from({ length: 6 }, () => h.send(h.fake.updates.command(h.owner, "help"))));
    expect(await counter(metrics, 'usher_updates_dropped_total\\{reason="lane_full"\\}')).toBe(0);
  });

  it("when a group moderator bans many members at once, then none of the membership changes is dropped", async () => {
    const metrics = createMetrics({ processMetrics: false });
    h = createHarness({ metrics, lanes: { maxQueuedPerUser: 2 } });
    h.fake.setLatency(5);
    const group = h.fake.addChat({ id: -100_777, type: "supergroup", title: "Required" });
    const moderator = h.addUser({ first_name: "Mod" });
    const members = Array.from({ length: 8 }, (_, i) => h.addUser({ first_name: `M${i}` }));
    const bans = members.map((member) => {
      const update = h.fake.updates.chatMember(group.id, member, "kicked");
      (update.chat_member as { from: unknown }).from = { id: moderator.id, is_bot: false, first_name: "Mod" };
      return update;
    });
    // A message first, so the moderator's lane is busy when the bans arrive.
    await Promise.all([h.say(moderator, "hi"), ...bans.map((update) => h.send(update))]);
    expect(await counter(metrics, 'usher_updates_dropped_total\\{reason="lane_full"\\}')).toBe(0);
    expect(await counter(metrics, 'usher_updates_total\\{type="chat_member"\\}')).toBe(8);
  });

  it("when a user sends several updates at once, then they are handled one at a time in their order", async () => {
    h = createHarness({ settings: { newUserAlerts: { enabled: false } } });
    const ann = h.addUser({ username: "ann" });
    await h.start(ann);
    new TakeoverRepository(h.services.db).pauseUser(ann.id, pauseFor(10, h.clock.now()), h.clock.now());
    // Later calls answer faster: handled side by side, later messages would overtake earlier ones.
    let latency = 200;
    h.fake.setLatency(() => {
      latency = Math.max(0, latency - 20);
      return latency;
    });
    const texts = Array.from({ length: 8 }, (_, i) => `message ${i + 1}`);
    await Promise.all(texts.map((text) => h.say(ann, text)));
    const relayed = h.fake.textsTo(ownerId).filter((t) => t.startsWith("message "));
    expect(relayed).toEqual(texts);
  });

  it("when a handler is stuck, then its lane times out, the user's next update is answered and the timeout counted", async () => {
    const metrics = createMetrics({ processMetrics: false });
    h = createHarness({
      realTimeFake: true,
      metrics,
      lanes: { updateTimeoutMs: 300 },
      settings: { newUserAlerts: { enabled: false } },
    });
    const ann = h.addUser();
    // The first welcome hangs 5 s on a slow connection; the next update must not wait for it.
    let stuck = true;
    h.fake.setLatency(() => {
      const ms = stuck ? 5000 : 0;
      stuck = false;
      return ms;
    });
    const lane = Promise.all([h.start(ann), h.start(ann)]);
    await waitFor(() => h.fake.textsTo(ann.id).length > 0, "the second welcome", 3_000);
    expect(await counter(metrics, "usher_update_timeouts_total")).toBe(1);
    await lane;
    // The stuck one was left to finish on its own: its welcome comes once the wait is over.
    await waitFor(() => h.fake.textsTo(ann.id).length === 2, "the first welcome, late", 10_000);
  });

  it("when polling stops while a user's updates wait in their lane, then shutdown waits until each is handled", async () => {
    h = createHarness({ realTimeFake: true, settings: { newUserAlerts: { enabled: false } } });
    const inFlight = new InFlightUpdates();
    const bot = createBot(h.fake.token, {
      services: h.services,
      logger: pino({ level: "silent" }),
      botInfo: h.fake.botInfo,
      client: { fetch: h.fake.fetch, apiRoot: "http://fake.local" },
      outgoing: h.outgoing,
      inFlight,
    });
    const ann = h.addUser();
    h.fake.setLatency(100);
    h.fake.enqueue(h.fake.updates.start(ann), h.fake.updates.start(ann), h.fake.updates.start(ann));
    const runner = startPolling(bot, 10);
    await waitFor(() => h.fake.pendingUpdates().length === 0 && inFlight.size > 0, "all three fetched");
    // As main.ts stops: the runner, then whatever is still in flight.
    await runner.stop();
    await inFlight.idle();
    expect(h.fake.textsTo(ann.id)).toHaveLength(3);
  });
});
