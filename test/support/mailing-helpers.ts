import { Api } from "grammy";
import { pino } from "pino";
import { afterEach } from "vitest";
import type { MailingRecord } from "../../src/db/schema/index.js";
import { defaultMailingOptions, type MailingOptions } from "../../src/features/mailing/mailing.js";
import { MailingEngine, type MailingEngineDependencies } from "../../src/features/mailing/mailing-engine.js";
import type { MailingRepository, NewMailing } from "../../src/features/mailing/mailing-repository.js";
import { createMailingReporter, statusSourcesOf } from "../../src/features/menu/mailing/mailing-reporter.js";
import { createHarness, type Harness, type HarnessOptions } from "./bot-harness.js";
import type { SimUser, SimUserInput } from "./fake-telegram/index.js";
import { waitFor } from "./wait-for.js";

/** Bot users known to both the fake and the database (registered, as the gate would leave them). */
export function seedBotUsers(h: Harness, inputs: SimUserInput[]): SimUser[] {
  return inputs.map((input, i) => {
    const sim = h.fake.addUser({ first_name: `User${i}`, ...input });
    const { id, first_name, last_name, username, language_code } = sim;
    h.services.users.touch(
      { id, is_bot: false, first_name, last_name, username, language_code },
      h.clock.now(),
    );
    h.services.users.register(sim.id, { referrerId: null, campaignId: null }, h.clock.now());
    return sim;
  });
}

/**
 * A mailing test file's teardown: after each test the engine it started stops and its harness
 * closes. `current` reads the file's variables; an engine left from an earlier test is stopped
 * again, which is harmless.
 */
export function stopEngineAfterEach(current: () => { h: Harness; engine: MailingEngine | undefined }): void {
  afterEach(async () => {
    const { h, engine } = current();
    await engine?.stop();
    h.close();
  });
}

export interface TestEngineOptions extends Partial<MailingEngineDependencies> {
  /** Report progress and results to the admins as in production (status messages, final report). */
  reporter?: boolean;
}

/** An engine over the harness's database and fake, polling fast so tests do not wait. */
export function createTestEngine(h: Harness, options: TestEngineOptions = {}) {
  const { reporter, ...overrides } = options;
  const repository = h.services.mailings;
  const api = new Api(h.fake.token, { fetch: h.fake.fetch, apiRoot: "http://fake.local" });
  const callbacks = reporter
    ? createMailingReporter({
        ...statusSourcesOf(h.services),
        api,
        users: h.services.users,
        deliveryTimeline: h.services.deliveryTimeline,
        now: h.clock.now,
      })
    : {};
  const engine = new MailingEngine({
    api,
    budget: h.outgoing,
    repository,
    mailingVariants: h.services.mailingVariants,
    personalization: h.services.personalization,
    topics: h.services.topics,
    settings: h.services.settings,
    variants: h.services.variants,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }),
    now: h.clock.now,
    wake: h.services.mailingWake,
    tickMs: 20,
    ...callbacks,
    ...overrides,
  });
  return { engine, repository };
}

export function textMailing(text: string, options: Partial<MailingOptions> = {}): NewMailing {
  return {
    kind: "mailing",
    payload: { kind: "message", content: { type: "text", text }, buttons: [] },
    audience: { includeDead: false },
    options: { ...defaultMailingOptions, ratePerSecond: 30, ...options },
    createdBy: null,
  };
}

/** Waits until the mailing reaches `status` (completed by default). */
export async function waitForStatus(
  repository: MailingRepository,
  id: number,
  status: MailingRecord["status"] = "completed",
  timeoutMs = 20_000,
): Promise<MailingRecord> {
  return waitFor(
    () => {
      const mailing = repository.find(id);
      return mailing?.status === status ? mailing : undefined;
    },
    `mailing ${id} to be ${status}`,
    timeoutMs,
  );
}

/** A harness with the engine running as in production: status messages and reports included. */
export function startMailingHarness(options: HarnessOptions = {}) {
  const h = createHarness(options);
  const { engine, repository } = createTestEngine(h, { reporter: true, progressIntervalMs: 0 });
  engine.start();
  return {
    h,
    engine,
    repository,
    /** Bot users known to the fake and the database, one per input, as a tuple. */
    seed: <T extends SimUserInput[]>(...inputs: T) => seedBotUsers(h, inputs) as { [K in keyof T]: SimUser },
    /** The owner answers the conversation, one message per answer. */
    say: async (...answers: string[]) => {
      for (const answer of answers) await h.say(h.owner, answer);
    },
    lastText: () => h.fake.textsTo(h.owner.id).at(-1) ?? "",
  };
}
