import type { MailingRecord } from "../src/db/schema/index.js";
import { renderTextContent } from "../src/features/content/text-content.js";
import type { MailingContent } from "../src/features/mailing/mailing.js";
import { RecipientPersonalizer } from "../src/features/mailing/recipient-content.js";
import { dearUserNames } from "../src/features/personalization/dear-user.js";
import { insertBotUsers, mailingOptions, temporaryUsher } from "./mailing.js";
import { defineScenario, formatTable, round } from "./scenario.js";

const personalText =
  "<b>{first_name}</b>, your plan: {attr.plan|free} · {country|somewhere} · {email|no email yet} · id {id}";
const plainText = "<b>Hello</b>, our news for everyone: nothing to fill in here at all, only text.";

/** Gives every third user a plan, every fifth a country, every second an email (one transaction). */
function insertProfiles(usher: ReturnType<typeof temporaryUsher>, firstId: number, count: number): void {
  const { sqlite } = usher.database;
  const attribute = sqlite.prepare(
    "INSERT INTO user_attributes (user_id, key, value, updated_at) VALUES (?, ?, ?, ?)",
  );
  const email = sqlite.prepare("UPDATE users SET email = ?, language_code = ? WHERE id = ?");
  sqlite.transaction(() => {
    for (let i = 0; i < count; i++) {
      const id = firstId + i;
      if (i % 3 === 0) attribute.run(id, "plan", i % 2 === 0 ? "pro" : "team", 0);
      if (i % 5 === 0) attribute.run(id, "country", "Malaysia", 0);
      email.run(i % 2 === 0 ? `user${i}@example.com` : null, i % 7 === 0 ? "de" : "en", id);
    }
  })();
}

/**
 * What the engine does for each recipient before its API call, a batch of 500 at a time: read the
 * batch, pick each one's content (variants) and read the attributes the templates use, fill the text.
 * Returns the characters rendered, so nothing is optimized away.
 */
function renderAll(
  usher: ReturnType<typeof temporaryUsher>,
  mailing: MailingRecord,
  content: MailingContent,
): { seconds: number; renderSeconds: number; characters: number; recipients: number } {
  const { services } = usher;
  const started = performance.now();
  const personalizer = new RecipientPersonalizer(
    services,
    mailing,
    content,
    new Date(),
    dearUserNames(services),
  );
  let afterUserId = 0;
  let characters = 0;
  let recipients = 0;
  let renderMs = 0;
  for (;;) {
    const batch = services.mailings.pendingBatch(mailing.id, afterUserId, 500);
    if (batch.length === 0) break;
    afterUserId = batch.at(-1)?.userId ?? afterUserId;
    const personal = personalizer.personalize(batch);
    const rendering = performance.now();
    for (const recipient of personal) {
      const chosen = recipient.content;
      if (chosen.type !== "text") throw new Error("bench contents are texts");
      characters += renderTextContent(chosen, recipient.fields).text.length;
      recipients += 1;
    }
    renderMs += performance.now() - rendering;
  }
  return {
    seconds: (performance.now() - started) / 1000,
    renderSeconds: renderMs / 1000,
    characters,
    recipients,
  };
}

/** The same recipients as plain string copies: no batch reads, no fields, only a string per recipient. */
function copyAll(recipients: number): { seconds: number; characters: number } {
  const started = performance.now();
  let characters = 0;
  for (let i = 0; i < recipients; i++) characters += `${plainText}`.slice(0).length;
  return { seconds: (performance.now() - started) / 1000, characters };
}

export const personalizeScenario = defineScenario({
  name: "personalize",
  description:
    "rendering a personalized mailing text (fields, fallbacks, 2 variants) for each recipient, as the engine does before sending",
  flags: {
    recipients: { description: "recipients of the mailing", default: 100_000 },
  },
  async run(flags) {
    const usher = temporaryUsher();
    try {
      const firstId = 7_000_001;
      insertBotUsers(usher.database, firstId, flags.recipients);
      insertProfiles(usher, firstId, flags.recipients);
      const make = (text: string, variants: Array<{ segment: string; text: string }>) => {
        const content: MailingContent = { type: "text", text, parseMode: "HTML" };
        const mailing = usher.services.mailings.create(
          {
            kind: "mailing",
            payload: { kind: "message", content, buttons: [] },
            audience: { includeDead: false },
            options: mailingOptions({}),
            createdBy: null,
          },
          new Date(),
        );
        usher.services.mailingVariants.add(
          mailing.id,
          variants.map((v) => ({
            segment: v.segment,
            timeZone: "UTC",
            content: { ...content, text: v.text },
          })),
        );
        usher.services.mailings.snapshot(mailing.id, new Date());
        return { mailing: usher.services.mailings.find(mailing.id) as MailingRecord, content };
      };
      const personal = make(personalText, [
        { segment: "lang:de", text: "Hallo {first_name}, Ihr Plan: {attr.plan|free}" },
        { segment: "plan=team", text: "{first_name}, news for teams in {country|your country}" },
      ]);
      const plain = make(plainText, []);

      // Warm-up, then the measured runs, alternating so both see the same machine.
      renderAll(usher, plain.mailing, plain.content);
      const plainRun = renderAll(usher, plain.mailing, plain.content);
      const personalRun = renderAll(usher, personal.mailing, personal.content);
      const copyRun = copyAll(flags.recipients);
      if (personalRun.recipients !== flags.recipients || plainRun.recipients !== flags.recipients)
        throw new Error(
          `rendered ${personalRun.recipients} and ${plainRun.recipients} of ${flags.recipients}`,
        );

      const micros = (seconds: number) => (seconds * 1e6) / flags.recipients;
      const personalMicros = micros(personalRun.seconds);
      const passed = personalMicros < 1000;
      const row = (label: string, seconds: number) => [
        label,
        String(round(seconds, 3)),
        String(round(micros(seconds), 2)),
        String(round(seconds / plainRun.seconds, 2)),
        String(round(seconds / copyRun.seconds, 0)),
      ];
      return {
        lines: [
          ...formatTable([
            ["path", "s", "µs/recipient", "× un-personalized", "× string copy"],
            row("personalized (4 fields, fallbacks, 2 variants)", personalRun.seconds),
            row("un-personalized send path (same code, no fields)", plainRun.seconds),
            row("  of which filling the texts (personalized)", personalRun.renderSeconds),
            row("  of which filling the texts (un-personalized)", plainRun.renderSeconds),
            row("plain string copy", copyRun.seconds),
          ]),
          `target: well under 1 ms per recipient (${round(personalMicros, 2)} µs) — ${passed ? "PASS" : "FAIL"}`,
        ],
        data: {
          recipients: flags.recipients,
          personalizedMicrosPerRecipient: round(personalMicros, 3),
          unpersonalizedMicrosPerRecipient: round(micros(plainRun.seconds), 3),
          fillingMicrosPerRecipient: round(micros(personalRun.renderSeconds), 3),
          stringCopyMicrosPerRecipient: round(micros(copyRun.seconds), 4),
          ratioToUnpersonalized: round(personalRun.seconds / plainRun.seconds, 2),
          pass: passed,
        },
        passed,
      };
    } finally {
      usher.remove();
    }
  },
});
