import { afterEach, describe, expect, it } from "vitest";
import type { MailingRecord } from "../../src/db/schema/index.js";
import { RecipientPersonalizer } from "../../src/features/mailing/recipient-content.js";
import { createHarness, type Harness } from "../support/bot-harness.js";
import { seedBotUsers, textMailing } from "../support/mailing-helpers.js";

let h: Harness;
afterEach(() => h.close());

describe("choosing variants a batch at a time", () => {
  it("when recipients are read in small batches over several stretches, then each gets the first variant that selects them", () => {
    h = createHarness();
    const people = seedBotUsers(
      h,
      Array.from({ length: 9 }, (_, i) => ({
        first_name: `U${i}`,
        language_code: i % 3 === 0 ? "de" : "en",
      })),
    );
    for (const [i, p] of people.entries()) {
      if (i % 2 === 0) h.services.users.setAttribute(p.id, "plan", "pro", h.clock.now());
    }
    const mailing = h.services.mailings.create(
      textMailing("Hi {first_name} ({attr.plan|free})"),
      h.clock.now(),
    );
    const text = (t: string) => ({ type: "text" as const, text: t });
    h.services.mailingVariants.add(mailing.id, [
      { segment: "lang:de", timeZone: "UTC", content: text("Hallo {first_name}") },
      { segment: "plan=pro", timeZone: "UTC", content: text("Pro {first_name}") },
    ]);
    h.services.mailings.snapshot(mailing.id, h.clock.now());
    const record = h.services.mailings.find(mailing.id) as MailingRecord;
    if (record.payload.kind !== "message") throw new Error("a message mailing");
    // Stretches of 3 recipients, batches of 2: batches cross stretch ends.
    const personalizer = new RecipientPersonalizer(
      h.services,
      record,
      record.payload.content,
      h.clock.now(),
      () => "Dear User",
      3,
    );
    const got: Array<[string, string]> = [];
    let after = 0;
    for (;;) {
      const batch = h.services.mailings.pendingBatch(mailing.id, after, 2);
      if (batch.length === 0) break;
      after = batch.at(-1)?.userId ?? after;
      for (const r of personalizer.personalize(batch)) {
        got.push([r.fields.recipient.firstName ?? "", r.content.type === "text" ? r.content.text : ""]);
      }
    }
    const expected = people.map((p, i): [string, string] => [
      p.first_name,
      i % 3 === 0
        ? "Hallo {first_name}"
        : i % 2 === 0
          ? "Pro {first_name}"
          : "Hi {first_name} ({attr.plan|free})",
    ]);
    // The owner (a bot user too) comes first by id only if their id is smaller; compare the seeded ones.
    expect(got.filter(([name]) => name.startsWith("U"))).toEqual(expected);
  });
});
