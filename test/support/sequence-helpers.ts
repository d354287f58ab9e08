import { Api } from "grammy";
import { pino } from "pino";
import type { Actor } from "../../src/features/audit/audit-log.js";
import { addQuestion, createForm } from "../../src/features/forms/form-commands.js";
import { formStartLinks } from "../../src/features/sequences/form-button.js";
import {
  addStep,
  createSequence,
  type SequenceSettings,
} from "../../src/features/sequences/sequence-commands.js";
import {
  SequenceSender,
  type SequenceSenderDependencies,
} from "../../src/features/sequences/sequence-sender.js";
import type { Harness } from "./bot-harness.js";
import { ownerId } from "./bot-harness.js";

export const admin: Actor = { kind: "admin", id: ownerId };
export const minute = 60_000;
export const hour = 60 * minute;

/** The "Sign-up" form a step's form button opens: one question, the user's city (an attribute). */
export function signUpForm(h: Harness) {
  const form = createForm(h.services, admin, { name: "Sign-up" });
  addQuestion(h.services, admin, {
    formId: form.id,
    question: { kind: "text", targetKind: "attribute", target: "city", prompt: "Which city?" },
  });
  return form;
}

/** A sender over the harness's database, fake and clock; tests call `pass()` themselves. */
export function createTestSender(h: Harness, overrides: Partial<SequenceSenderDependencies> = {}) {
  const s = h.services;
  return new SequenceSender({
    db: s.db,
    api: new Api(h.fake.token, { fetch: h.fake.fetch, apiRoot: "http://fake.local" }),
    budget: h.outgoing,
    sequences: s.sequences,
    users: s.users,
    settings: s.settings,
    variants: s.variants,
    audit: s.audit,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }),
    now: h.clock.now,
    formLink: formStartLinks(s.forms, () => h.fake.botInfo.username),
    ...(s.links && { links: s.links }),
    tickMs: 20,
    ...overrides,
  });
}

/** An enabled sequence of text steps "Step 1", "Step 2"… with the given delays. */
export function textSequence(
  h: Harness,
  delays: number[],
  settings: Partial<SequenceSettings> = {},
  window: { start: number; end: number } | null = null,
) {
  const sequence = createSequence(h.services, admin, { name: "Welcome", enabled: true, ...settings });
  const steps = delays.map((delayMs, i) =>
    addStep(h.services, admin, sequence.id, {
      content: { type: "text", text: `Step ${i + 1} for {first_name}` },
      delayMs,
      window,
    }),
  );
  return { sequence, steps };
}
