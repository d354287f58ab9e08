import { afterEach, describe, expect, it } from "vitest";
import type { MailingEngine } from "../../src/features/mailing/mailing-engine.js";
import { createMetrics, type Metrics } from "../../src/metrics/metrics.js";
import { OutgoingBudget } from "../../src/telegram/outgoing/budget.js";
import { telegramLimits } from "../../src/telegram/outgoing/pacing.js";
import { texts } from "../../src/texts/bot.js";
import { createHarness, type Harness, type HarnessOptions } from "../support/bot-harness.js";
import { ManualTimers } from "../support/clock.js";
import { createTestEngine, seedBotUsers, textMailing, waitForStatus } from "../support/mailing-helpers.js";
import { waitFor } from "../support/wait-for.js";

let h: Harness;
let timers: ManualTimers;
let metrics: Metrics;
let engine: MailingEngine | undefined;

afterEach(async () => {
  await engine?.stop();
  engine = undefined;
  h.close();
});

/** A bot with the production budget at 30 msg/s on a hand-moved clock, against a double with Telegram's limits. */
function underTelegramLimits(options: HarnessOptions = {}) {
  metrics = createMetrics({ processMetrics: false });
  h = createHarness({
    ...options,
    outgoing: (clock) => {
      timers = new ManualTimers(clock);
      return new OutgoingBudget({ limits: telegramLimits(30), clock: timers, metrics });
    },
  });
  h.fake.setFlood({ globalPerSecond: 30, perChatPerSecond: 1 });
}

const welcome = (name: string) => texts.welcome.replace("{first_name}", name);
const noAlerts = { settings: { newUserAlerts: { enabled: false } } };

/** Sends every update without waiting; a counter of those handled, and the errors they ended in. */
function startAll(people: ReturnType<Harness["addUser"]>[]) {
  const handled = { count: 0, errors: [] as string[] };
  for (const person of people) {
    void h.start(person).then(
      () => handled.count++,
      (error: Error) => handled.errors.push(error.message) && handled.count++,
    );
  }
  return handled;
}

describe("the outgoing budget, through the bot", () => {
  it("when 100 newcomers press /start at once under a 30/s limit, then every one gets the welcome and the double saw no 429", async () => {
    underTelegramLimits();
    const people = Array.from({ length: 100 }, (_, i) => h.addUser({ first_name: `N${i}` }));
    const startedAt = timers.now();
    const handled = startAll(people);
    await timers.runUntil(() => handled.count === 100);
    // The minute's first 10 newcomers get alerts of their own, after the welcomes; the rest go to
    // the minute's digest (its worker does not run here).
    await timers.runUntil(() => h.fake.textsTo(h.owner.id).length === 10, 30_000);

    for (const [i, person] of people.entries()) expect(h.fake.textsTo(person.id)).toEqual([welcome(`N${i}`)]);
    expect(h.fake.stats.tooManyRequests).toBe(0);
    const lastWelcome = Math.max(
      ...h.fake
        .callsOf("sendMessage")
        .filter((c) => c.params.chat_id !== h.owner.id)
        .map((c) => c.at),
    );
    // 100 welcomes at 30 a second, whatever else waits.
    expect(lastWelcome - startedAt).toBeLessThanOrEqual((100 / 30) * 1000 * 1.5);
  });

  it("when a mailing's deliveries wait for their turn and newcomers arrive, then the welcomes are sent before the queued broadcast", async () => {
    underTelegramLimits(noAlerts);
    const recipients = seedBotUsers(
      h,
      Array.from({ length: 30 }, () => ({})),
    );
    const setup = createTestEngine(h);
    engine = setup.engine;
    // Telegram has just asked the bot to wait: whatever comes now queues.
    h.outgoing.pushBack(2);
    const mailing = setup.repository.create(textMailing("News"), h.clock.now());
    engine.start();
    await waitFor(() => h.outgoing.snapshot().queued.broadcast >= 5, "deliveries waiting for a turn");
    const newcomers = Array.from({ length: 20 }, (_, i) => h.addUser({ first_name: `N${i}` }));
    const handled = startAll(newcomers);
    await waitFor(() => h.outgoing.snapshot().queued.reply === 20, "welcomes waiting for a turn");

    await timers.runUntil(
      () => handled.count === 20 && setup.repository.find(mailing.id)?.status === "completed",
    );
    await waitForStatus(setup.repository, mailing.id);
    const sent = h.fake.callsOf("sendMessage").filter((c) => c.ok);
    const isWelcome = (c: (typeof sent)[number]) => newcomers.some((n) => n.id === c.params.chat_id);
    expect(sent.filter(isWelcome)).toHaveLength(20);
    expect(sent.findLastIndex(isWelcome)).toBeLessThan(sent.findIndex((c) => !isWelcome(c)));
    expect(recipients.every((r) => h.fake.textsTo(r.id).length === 1)).toBe(true);
    expect(h.fake.stats.tooManyRequests).toBe(0);
  });

  it("when Telegram answers 429 with a retry_after longer than the old 10 s, then the reply is sent after it, not given up", async () => {
    underTelegramLimits(noAlerts);
    h.fake.failNext("sendMessage", {
      error_code: 429,
      description: "Too Many Requests: retry after 30",
      parameters: { retry_after: 30 },
    });
    const ann = h.addUser({ first_name: "Ann" });
    const handled = startAll([ann]);
    await timers.runUntil(() => handled.count === 1);

    expect(h.fake.textsTo(ann.id)).toEqual([welcome("Ann")]);
    const [refused, sent] = h.fake.callsOf("sendMessage");
    expect(refused?.ok).toBe(false);
    expect((sent?.receivedAt ?? 0) - (refused?.at ?? 0)).toBeGreaterThanOrEqual(30_000);
    expect(await metrics.render()).toMatch(/usher_telegram_flood_waits_total 1\n/);
  });

  it("when a reply is older than its max age, then it is dropped and counted, and other chats are answered meanwhile", async () => {
    underTelegramLimits(noAlerts);
    const ann = h.addUser({ first_name: "Ann" });
    const bob = h.addUser({ first_name: "Bob" });
    h.fake.failWhen((method, params) =>
      method === "sendMessage" && params.chat_id === ann.id
        ? { error_code: 429, description: "Too Many Requests: retry after 5", parameters: { retry_after: 5 } }
        : undefined,
    );
    const startedAt = timers.now();
    const handled = startAll([ann]);
    await timers.runUntil(() => timers.now() - startedAt > 60_000);
    const bobHandled = startAll([bob]);
    await timers.runUntil(() => bobHandled.count === 1);
    expect(h.fake.textsTo(bob.id)).toEqual([welcome("Bob")]);

    await timers.runUntil(() => handled.count === 1);
    expect(h.fake.textsTo(ann.id)).toEqual([]);
    expect(timers.now() - startedAt).toBeGreaterThanOrEqual(10 * 60_000);
    expect(await metrics.render()).toMatch(/usher_outgoing_dropped_total\{reason="max_age"\} 1\n/);
  });

  it("when Telegram holds the bot back, then a button press is still answered at once: answerCallbackQuery never waits for a turn", async () => {
    underTelegramLimits(noAlerts);
    const ann = h.addUser({ first_name: "Ann" });
    const registered = startAll([ann]);
    await timers.runUntil(() => registered.count === 1);
    const welcomeId = h.fake.lastMessageTo(ann.id)?.message_id ?? 0;
    h.outgoing.pushBack(60);
    let done = false;
    void h.send(h.fake.updates.callback(ann, { message_id: welcomeId, data: "nothing:here" })).then(() => {
      done = true;
    });
    for (let i = 0; i < 20 && !done; i++) await new Promise((r) => setImmediate(r));
    expect(done).toBe(true);
    expect(h.fake.callsOf("answerCallbackQuery")).toHaveLength(1);
  });

  it("when a message inside a conversation meets a 429, then it waits its turn too and is sent", async () => {
    underTelegramLimits(noAlerts);
    /** Hands an update to the bot and moves the clock until it is handled. */
    const handle = async (update: Parameters<Harness["send"]>[0]) => {
      let done = false;
      void h.send(update).then(() => {
        done = true;
      });
      await timers.runUntil(() => done);
    };
    const press = (label: string) => {
      const found = h.fake.findButton(h.owner.id, label);
      const data = found?.button.callback_data as string;
      return h.fake.updates.callback(h.owner, { message_id: found?.message_id ?? 0, data });
    };
    await handle(h.fake.updates.command(h.owner, "admin"));
    await handle(press("📝 Forms"));
    const prompt = "📝 What is the new form called?";
    h.fake.failWhen((method, params) =>
      method === "sendMessage" && String(params.text).startsWith(prompt)
        ? h.fake.calls.some((c) => !c.ok)
          ? undefined
          : {
              error_code: 429,
              description: "Too Many Requests: retry after 20",
              parameters: { retry_after: 20 },
            }
        : undefined,
    );
    const before = timers.now();
    // ➕ New form asks for the name from inside its conversation.
    await handle(press("➕ New form"));

    expect(h.fake.textsTo(h.owner.id).at(-1)).toContain(prompt);
    expect(timers.now() - before).toBeGreaterThanOrEqual(20_000);
  });
});
