import { describe, expect, it } from "vitest";
import type { MailingRecord } from "../../../src/db/schema/index.js";
import { apiActor } from "../../../src/features/audit/audit-log.js";
import type { MailingEngine } from "../../../src/features/mailing/mailing-engine.js";
import { subscribeUser } from "../../../src/features/topics/subscriptions.js";
import { createTopic } from "../../../src/features/topics/topic-commands.js";
import { openAdmin } from "../../support/admin-helpers.js";
import type { Harness } from "../../support/bot-harness.js";
import { startMailingHarness, stopEngineAfterEach, waitForStatus } from "../../support/mailing-helpers.js";

let h: Harness;
let engine: MailingEngine | undefined;
stopEngineAfterEach(() => ({ h, engine }));

/** Ann follows News; the owner is at the options screen of a text mailing to `segment`. */
async function toOptions(segment: string | null) {
  const started = startMailingHarness();
  ({ h, engine } = started);
  const news = createTopic(h.services, apiActor, { name: "News" });
  const [ann] = started.seed({ first_name: "Ann" });
  subscribeUser(h.services, apiActor, { userId: ann.id, topic: { id: news.id }, source: "api" });
  await openAdmin(h, ["📨 Mailing", "✉️ New mailing"]);
  if (segment === null) await started.say("Today's news", "⏭ No buttons", "👥 Everyone alive");
  else await started.say("Today's news", "⏭ No buttons", "🎯 Filter…", segment);
  return { ann, ...started };
}

const optionKeys = () => {
  const markup = h.fake.lastMessageTo(h.owner.id)?.reply_markup as
    | { keyboard?: Array<Array<{ text: string }>> }
    | undefined;
  return (markup?.keyboard ?? []).flat().map((b) => b.text);
};
const lastMailing = () => h.services.mailings.list(1)[0] as MailingRecord;
const buttonsTo = (userId: number) => h.fake.inlineButtons(h.fake.lastMessageTo(userId)).map((b) => b.text);

describe("admin menu: the 🔕 topic button of a mailing", () => {
  it("when the audience is topic:News and the switch is left on, then the options say so and the recipient gets the 🔕 button", async () => {
    const { ann, say, lastText, repository } = await toOptions("topic:News");
    expect(lastText()).toContain("🏷 A 🔕 button to unsubscribe from News under the message: on");
    expect(optionKeys()).toContain("🏷 Unsubscribe button: on");
    await say("✅ Continue", "🚀 Send now");
    const done = await waitForStatus(repository, lastMailing().id);
    expect(done.options.topicButton).not.toBe(false);
    expect(h.fake.textsTo(ann.id)).toEqual(["Today's news"]);
    expect(buttonsTo(ann.id)).toEqual(["🔕 Unsubscribe from News"]);
  });

  it("when the admin switches it off, then the mailing is stored with topic_button off and the recipient gets no button", async () => {
    const { ann, say, lastText, repository } = await toOptions("topic:News");
    await say("🏷 Unsubscribe button: on");
    expect(lastText()).toContain("🏷 A 🔕 button to unsubscribe from News under the message: off");
    expect(optionKeys()).toContain("🏷 Unsubscribe button: off");
    await say("✅ Continue");
    expect(lastText()).toContain("unsubscribe from News under the message: off");
    await say("🚀 Send now");
    const done = await waitForStatus(repository, lastMailing().id);
    expect(done.options.topicButton).toBe(false);
    expect(h.fake.textsTo(ann.id)).toEqual(["Today's news"]);
    expect(buttonsTo(ann.id)).toEqual([]);
  });

  it("when the audience requires no single topic, then the switch is not offered and a typed press is refused", async () => {
    const { say, lastText } = await toOptions(null);
    expect(lastText()).not.toContain("🏷");
    expect(optionKeys().some((key) => key.startsWith("🏷"))).toBe(false);
    await say("🏷 Unsubscribe button: on");
    expect(lastText()).toBe("Please use the buttons below (or /cancel).");
  });
});
