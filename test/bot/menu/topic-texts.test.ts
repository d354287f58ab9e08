import { describe, expect, it } from "vitest";
import { apiActor } from "../../../src/features/audit/audit-log.js";
import type { MailingEngine } from "../../../src/features/mailing/mailing-engine.js";
import { subscribeUser } from "../../../src/features/topics/subscriptions.js";
import { createTopic } from "../../../src/features/topics/topic-commands.js";
import { currentMenu, openAdmin } from "../../support/admin-helpers.js";
import type { Harness } from "../../support/bot-harness.js";
import { startMailingHarness, stopEngineAfterEach, waitForStatus } from "../../support/mailing-helpers.js";

let h: Harness;
let engine: MailingEngine | undefined;
stopEngineAfterEach(() => ({ h, engine }));

const toTexts = ["🧩 Extensions", "🏷 Topics", "📝 Texts"];

/** A topic News and Ann, registered and subscribed to it; the engine runs. */
function setUp() {
  const started = startMailingHarness();
  ({ h, engine } = started);
  const news = createTopic(h.services, apiActor, { name: "News" });
  const [ann] = started.seed({ first_name: "Ann" });
  subscribeUser(h.services, apiActor, { userId: ann.id, topic: { id: news.id }, source: "api" });
  return { news, ann, ...started };
}

const lastText = () => h.fake.textsTo(h.owner.id).at(-1) ?? "";
const lastPressAnswer = () => h.fake.callsOf("answerCallbackQuery").at(-1)?.params?.text;

/** A mailing to topic:News made through the menu, sent; what Ann got under it. */
async function mailNews(started: ReturnType<typeof setUp>) {
  await openAdmin(h, ["📨 Mailing", "✉️ New mailing"]);
  await started.say("Today's news", "⏭ No buttons", "🎯 Filter…", "topic:News", "✅ Continue", "🚀 Send now");
  await waitForStatus(started.repository, (h.services.mailings.list(1)[0] as { id: number }).id);
  return h.fake.inlineButtons(h.fake.lastMessageTo(started.ann.id)).map((b) => b.text);
}

describe("admin menu: 🏷 Topics → 📝 Texts", () => {
  it("when the owner changes the header and the 🔕 label, then /topics and the next topic mailing use them, audited as settings.topics", async () => {
    const started = setUp();
    const { ann } = started;
    await openAdmin(h, toTexts);
    expect(currentMenu(h).text).toContain("• Header of /topics: 🏷 Topics you can follow.");
    await h.press(h.owner, "Header of /topics");
    expect(currentMenu(h).text).toContain("This is the default.");
    await h.press(h.owner, "✏️ Change");
    await h.say(h.owner, "Pick what you want to hear about:");
    expect(h.services.settings.get("topics").list).toBe("Pick what you want to hear about:");
    expect(currentMenu(h).text).toContain("Changed by an admin; the default:\n🏷 Topics you can follow.");
    expect(h.services.audit.recent(1)[0]).toMatchObject({
      action: "settings.topics",
      actorId: h.owner.id,
      before: { list: null },
      after: { list: "Pick what you want to hear about:" },
    });

    await h.say(ann, "/topics");
    expect(h.fake.lastMessageTo(ann)?.text).toBe("Pick what you want to hear about:\n\n✅ News");

    await h.press(h.owner, "⬅ Back");
    await h.press(h.owner, "🔕 button under topic mailings");
    await h.press(h.owner, "✏️ Change");
    await h.say(h.owner, "Stop {name}, {first_name}");
    expect(lastText()).toBe(
      "❌ {first_name} is no field of this text; the fields it takes: {name}. Nothing was saved.",
    );
    await h.say(h.owner, "🔕 No more {name}, please");
    expect(await mailNews(started)).toEqual(["🔕 No more News, please"]);
  });

  it("when the owner changes the answer to 🔕, then a press gets it; ↩ Back to the default restores the default", async () => {
    const started = setUp();
    const { ann } = started;
    await openAdmin(h, toTexts);
    await h.press(h.owner, "Answer to 🔕");
    await h.press(h.owner, "✏️ Change");
    await h.say(h.owner, "Done: no more {name}.");
    await mailNews(started);
    await h.press(ann, "🔕 Unsubscribe from News");
    expect(lastPressAnswer()).toBe("Done: no more News.");

    await openAdmin(h, [...toTexts, "Answer to 🔕"]);
    expect(currentMenu(h).buttons).toContain("↩ Back to the default");
    await h.press(h.owner, "↩ Back to the default");
    expect(h.services.settings.get("topics").unsubscribedByButton).toBeNull();
    expect(currentMenu(h).text).toContain("This is the default.");
    expect(currentMenu(h).buttons).not.toContain("↩ Back to the default");
    expect(h.services.audit.recent(1)[0]).toMatchObject({
      action: "settings.topics",
      before: { unsubscribedByButton: "Done: no more {name}." },
      after: { unsubscribedByButton: null },
    });
    subscribeUser(h.services, apiActor, { userId: ann.id, topic: { name: "News" }, source: "api" });
    await h.press(ann, "🔕 Unsubscribe from News");
    expect(lastPressAnswer()).toBe("🔕 You will no longer get News messages.");
  });

  it("when a text is too long or the empty-list text uses {name}, then it is asked again and nothing is saved", async () => {
    setUp();
    await openAdmin(h, [...toTexts, "Answer: subscribed"]);
    await h.press(h.owner, "✏️ Change");
    await h.say(h.owner, "x".repeat(161));
    expect(lastText()).toBe("That text has 161 characters; this one takes at most 160. Send a shorter one.");
    await h.press(h.owner, "⬅ Back");
    await h.press(h.owner, "/topics when there are no topics");
    await h.press(h.owner, "✏️ Change");
    await h.say(h.owner, "Nothing about {name} yet");
    expect(lastText()).toBe(
      "❌ {name} is no field of this text; the fields it takes: none. Nothing was saved.",
    );
    expect(h.services.settings.get("topics")).toMatchObject({ subscribed: null, none: null });
  });
});
