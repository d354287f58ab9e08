import { describe, expect, it } from "vitest";
import type { MailingEngine } from "../../src/features/mailing/mailing-engine.js";
import { addStep, createSequence } from "../../src/features/sequences/sequence-commands.js";
import { subscribe } from "../../src/features/sequences/subscription-commands.js";
import { setVariant } from "../../src/features/variants/variant-commands.js";
import { createHarness, type Harness } from "../support/bot-harness.js";
import type { SimUser } from "../support/fake-telegram/index.js";
import {
  createTestEngine,
  seedBotUsers,
  stopEngineAfterEach,
  textMailing,
  waitForStatus,
} from "../support/mailing-helpers.js";
import { admin, createTestSender } from "../support/sequence-helpers.js";

let h: Harness;
let engine: MailingEngine | undefined;
stopEngineAfterEach(() => ({ h, engine }));

/** Ann has a name; Ivan (ru), Ana (es) and Hans (de) have only invisible characters for one. */
function seedNamelessUsers(): [SimUser, SimUser, SimUser, SimUser] {
  return seedBotUsers(h, [
    { first_name: "Ann" },
    { first_name: "\u200b", language_code: "ru" },
    { first_name: "\u200b", language_code: "es" },
    { first_name: "\u3164", language_code: "de" },
  ]) as [SimUser, SimUser, SimUser, SimUser];
}

/** Sends a text mailing to every bot user through the engine, and waits until it is done. */
async function mailEveryone(text: string): Promise<void> {
  const setup = createTestEngine(h);
  engine = setup.engine;
  engine.start();
  const mailing = setup.repository.create(textMailing(text), h.clock.now());
  await waitForStatus(setup.repository, mailing.id);
}

describe("Dear User in what the bot sends on its own", () => {
  it("when a mailing says {first_name} to users without a name, then each is called Dear User in their language: the admin's variant, else the bot's own translation, else the edited name", async () => {
    h = createHarness();
    h.services.settings.update("general", { dearUserName: "Dear friend" });
    setVariant(h.services, admin, { subject: "dearUser", language: "es", content: "Querido amigo" });
    const [ann, ivan, ana, hans] = seedNamelessUsers();
    await mailEveryone("Hello, {first_name}!");

    expect(h.fake.textsTo(ann.id).at(-1)).toBe("Hello, Ann!");
    // The admin edited the English name: it goes to every language without a variant.
    expect(h.fake.textsTo(ivan.id).at(-1)).toBe("Hello, Dear friend!");
    expect(h.fake.textsTo(ana.id).at(-1)).toBe("Hello, Querido amigo!");
    expect(h.fake.textsTo(hans.id).at(-1)).toBe("Hello, Dear friend!");
  });

  it("when the Dear User name is untouched, then a mailing calls a nameless Russian user by the Russian default", async () => {
    h = createHarness();
    const [, ivan, , hans] = seedNamelessUsers();
    await mailEveryone("Hello, {first_name}!");

    expect(h.fake.textsTo(ivan.id).at(-1)).toBe("Hello, Дорогой пользователь!");
    expect(h.fake.textsTo(hans.id).at(-1)).toBe("Hello, Dear User!");
  });

  it("when a sequence step says {first_name} to a user without a name, then the Dear User variant of their language fills it", async () => {
    h = createHarness();
    setVariant(h.services, admin, { subject: "dearUser", language: "es", content: "Querido amigo" });
    const [ann, ivan, ana] = seedNamelessUsers();
    const sequence = createSequence(h.services, admin, { name: "Welcome", enabled: true });
    addStep(h.services, admin, sequence.id, {
      content: { type: "text", text: "Hi {first_name}" },
      delayMs: 0,
    });
    for (const user of [ann, ivan, ana])
      subscribe(h.services, admin, { sequenceId: sequence.id, userId: user.id });

    await createTestSender(h).pass();

    expect(h.fake.textsTo(ann.id).at(-1)).toBe("Hi Ann");
    expect(h.fake.textsTo(ivan.id).at(-1)).toBe("Hi Дорогой пользователь");
    expect(h.fake.textsTo(ana.id).at(-1)).toBe("Hi Querido amigo");
  });
});
