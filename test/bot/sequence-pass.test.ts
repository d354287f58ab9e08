import { afterEach, describe, expect, it } from "vitest";
import { subscribe } from "../../src/features/sequences/subscription-commands.js";
import { createHarness, type Harness } from "../support/bot-harness.js";
import { seedBotUsers } from "../support/mailing-helpers.js";
import { admin, createTestSender, hour, textSequence } from "../support/sequence-helpers.js";

let h: Harness;
afterEach(() => h.close());

/** `count` bot users subscribed to a two-step sequence whose first step is due now. */
function dueCrowd(count: number) {
  h = createHarness({ settings: { newUserAlerts: { enabled: false } } });
  const people = seedBotUsers(
    h,
    Array.from({ length: count }, () => ({})),
  );
  const { sequence } = textSequence(h, [0, hour]);
  for (const person of people) subscribe(h.services, admin, { sequenceId: sequence.id, userId: person.id });
  return { people, sequence };
}

/** Telegram's flood answer, asking for a one-second pause. */
const tooManyRequests = {
  error_code: 429,
  description: "Too Many Requests: retry after 1",
  parameters: { retry_after: 1 },
};

describe("a pass of the sequence sender", () => {
  it("when more steps are due than one read takes, then one pass sends them all, each once", async () => {
    // More than one read of 200: the pass reads again as its workers run low.
    const { people, sequence } = dueCrowd(250);

    await createTestSender(h).pass();

    const received = people.map((p) => h.fake.textsTo(p.id).filter((t) => t.startsWith("Step")));
    expect(received.filter((texts) => texts.length === 1 && texts[0]?.startsWith("Step 1"))).toHaveLength(
      250,
    );
    expect(h.services.sequences.stats(sequence.id).steps.map((s) => s.sent)).toEqual([250, 0]);
  });

  it("when Telegram asks for a pause, then all its workers wait for a turn on the pass's signal and Node warns of no listener leak", async () => {
    const { sequence } = dueCrowd(50);
    h.fake.failNext("sendMessage", tooManyRequests);
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on("warning", onWarning);
    try {
      await createTestSender(h).pass();
      // Node emits its warnings on a later turn.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off("warning", onWarning);
    }

    expect(h.services.sequences.stats(sequence.id).steps[0]?.sent).toBe(49);
    expect(warnings.map((w) => w.name)).not.toContain("MaxListenersExceededWarning");
  });

  it("when Telegram answers 429 during a pass, then the pass reads no more due steps and the next pass sends the rest", async () => {
    const { people, sequence } = dueCrowd(250);
    h.fake.failNext("sendMessage", tooManyRequests);
    const sender = createTestSender(h);
    const sent = () => h.services.sequences.stats(sequence.id).steps[0]?.sent;

    await sender.pass();
    // The first read's 200 but the one held back: a held-back step ends the reading, not the sending.
    expect(sent()).toBe(199);

    await sender.pass();
    expect(sent()).toBe(250);
    expect(people.filter((p) => h.fake.textsTo(p.id).length !== 1)).toEqual([]);
  });

  it("when a user gets a trigger's tag while a pass goes through a crowd, then they are subscribed before the pass ends", async () => {
    h = createHarness({ settings: { newUserAlerts: { enabled: false } } });
    const [ann, ...crowd] = seedBotUsers(
      h,
      Array.from({ length: 251 }, () => ({})),
    );
    const { sequence } = textSequence(h, [0, hour]);
    for (const person of crowd) subscribe(h.services, admin, { sequenceId: sequence.id, userId: person.id });
    const tagged = textSequence(h, [hour], { triggerTag: "vip" }).sequence;
    const annId = (ann as { id: number }).id;
    // The tag comes while the first step of the crowd is on its way.
    const stopWatching = h.fake.failWhen(() => {
      stopWatching();
      h.services.users.addTags(annId, ["vip"], h.clock.now());
      return undefined;
    });

    await createTestSender(h).pass();

    expect(h.services.sequences.subscription(tagged.id, annId)).toMatchObject({ source: "tag" });
  });
});
