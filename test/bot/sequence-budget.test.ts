import { afterEach, describe, expect, it } from "vitest";
import type { MailingEngine } from "../../src/features/mailing/mailing-engine.js";
import type { SequenceSender } from "../../src/features/sequences/sequence-sender.js";
import { subscribe } from "../../src/features/sequences/subscription-commands.js";
import { OutgoingBudget } from "../../src/telegram/outgoing/budget.js";
import { telegramLimits } from "../../src/telegram/outgoing/pacing.js";
import { createHarness, type Harness } from "../support/bot-harness.js";
import { ManualTimers } from "../support/clock.js";
import { createTestEngine, seedBotUsers, textMailing } from "../support/mailing-helpers.js";
import { admin, createTestSender, textSequence } from "../support/sequence-helpers.js";

let h: Harness;
let engine: MailingEngine | undefined;
let sender: SequenceSender | undefined;
afterEach(async () => {
  await engine?.stop();
  await sender?.stop();
  h.close();
});

describe("sequences and mailings share the budget", () => {
  it("when a broadcast and due steps go out together, then no second holds more than 30 sends and the double saw no 429", async () => {
    let timers: ManualTimers | undefined;
    h = createHarness({
      settings: { newUserAlerts: { enabled: false } },
      outgoing: (clock) => {
        timers = new ManualTimers(clock);
        return new OutgoingBudget({ limits: telegramLimits(30), clock: timers });
      },
    });
    h.fake.setFlood({ globalPerSecond: 30, perChatPerSecond: 1 });
    const people = seedBotUsers(
      h,
      Array.from({ length: 90 }, () => ({})),
    );
    const { sequence } = textSequence(h, [0]);
    for (const person of people.slice(0, 45))
      subscribe(h.services, admin, { sequenceId: sequence.id, userId: person.id });
    const setup = createTestEngine(h);
    engine = setup.engine;
    setup.repository.create(textMailing("Broadcast"), h.clock.now());
    sender = createTestSender(h);
    const startedAt = h.clock.now().getTime();
    engine.start();
    sender.start();
    const sent = () => h.fake.callsOf("sendMessage").filter((c) => c.ok);
    await timers?.runUntil(() => sent().length === 90 + 45, 30_000);

    const times = sent().map((c) => c.at);
    const steps = sent().filter((c) => String(c.params.text).startsWith("Step"));
    expect(steps).toHaveLength(45);
    expect(h.fake.stats.tooManyRequests).toBe(0);
    // Any one-second window: at most 30 of either kind together.
    for (const at of times)
      expect(times.filter((t) => t >= at && t < at + 1000).length).toBeLessThanOrEqual(30);
    // And both made progress side by side: 135 sends at 30/s take at least four seconds of the clock.
    expect(Math.max(...times) - startedAt).toBeGreaterThanOrEqual(4000);
  }, 40_000);
});
