import { afterEach, describe, expect, it } from "vitest";
import { apiActor } from "../../src/features/audit/audit-log.js";
import type { MailingOptions } from "../../src/features/mailing/mailing.js";
import { audienceFromSegment, createMailing } from "../../src/features/mailing/mailing-commands.js";
import type { MailingEngine } from "../../src/features/mailing/mailing-engine.js";
import { subscribeUser } from "../../src/features/topics/subscriptions.js";
import { createTopic } from "../../src/features/topics/topic-commands.js";
import { textsIn } from "../../src/texts/locale-texts.js";
import { createHarness, type Harness } from "../support/bot-harness.js";
import { createTestEngine, seedBotUsers, waitForStatus } from "../support/mailing-helpers.js";

let h: Harness;
let engine: MailingEngine | undefined;
afterEach(async () => {
  await engine?.stop();
  engine = undefined;
  h.close();
});

/** Ann follows News, Bob follows nothing; the engine runs. */
function setUp() {
  h = createHarness();
  const news = createTopic(h.services, apiActor, { name: "News" });
  const [ann, bob] = seedBotUsers(h, [
    { first_name: "Ann", language_code: "en" },
    { first_name: "Bob", language_code: "en" },
  ]);
  if (!ann || !bob) throw new Error("seeded");
  subscribeUser(h.services, apiActor, { userId: ann.id, topic: { id: news.id }, source: "api" });
  const setup = createTestEngine(h);
  engine = setup.engine;
  engine.start();
  return { news, ann, bob, repository: setup.repository };
}

function mail(segment: string, options: Partial<MailingOptions> = {}) {
  return createMailing(h.services, apiActor, {
    kind: "mailing",
    payload: {
      kind: "message",
      content: { type: "text", text: "Today's news" },
      buttons: [[{ text: "Site", url: "https://example.com" }]],
    },
    audience: audienceFromSegment(h.services.settings, { segment }, "mailing"),
    options,
  }).mailing;
}

const buttonTexts = (userId: number) => h.fake.inlineButtons(h.fake.lastMessageTo(userId)).map((b) => b.text);

describe("a mailing to a topic", () => {
  it("when the segment is topic:News, then only subscribers get it, under the URL buttons a 🔕 button", async () => {
    const { ann, bob, repository } = setUp();
    const mailing = mail("topic:News");
    await waitForStatus(repository, mailing.id);
    expect(h.fake.textsTo(ann)).toEqual(["Today's news"]);
    expect(h.fake.textsTo(bob)).toEqual([]);
    expect(buttonTexts(ann.id)).toEqual(["Site", "🔕 Unsubscribe from News"]);
  });

  it("when subscribers speak different languages, then each gets the 🔕 button in theirs", async () => {
    const { news, ann, repository } = setUp();
    const [ivan, lucia] = seedBotUsers(h, [
      { first_name: "Ivan", language_code: "ru" },
      { first_name: "Lucia", language_code: "en" },
    ]);
    if (!ivan || !lucia) throw new Error("seeded");
    h.services.users.setLanguage(lucia.id, "es");
    for (const user of [ivan, lucia]) {
      subscribeUser(h.services, apiActor, { userId: user.id, topic: { id: news.id }, source: "api" });
    }
    const mailing = mail("topic:News");
    await waitForStatus(repository, mailing.id);
    const label = (locale: "en" | "ru" | "es") =>
      textsIn("topics", locale).unsubscribeButton.replace("{name}", "News");
    expect(buttonTexts(ann.id).at(-1)).toBe(label("en"));
    expect(buttonTexts(ivan.id).at(-1)).toBe(label("ru"));
    expect(buttonTexts(lucia.id).at(-1)).toBe(label("es"));
    expect(label("ru")).not.toBe(label("en"));
  });

  it("when the recipient presses 🔕, then they are unsubscribed, the press is answered and audited as a button", async () => {
    const { news, ann, repository } = setUp();
    await waitForStatus(repository, mail("topic:news lang:en").id);
    await h.press(ann, "🔕 Unsubscribe from News");
    expect(h.services.topics.topicIdsOf(ann.id).has(news.id)).toBe(false);
    expect(h.fake.callsOf("answerCallbackQuery").at(-1)?.params?.text).toBe(
      "🔕 You will no longer get News messages.",
    );
    expect(h.services.audit.recent(1)[0]).toMatchObject({
      action: "topics.unsubscribe",
      actorLabel: `user ${ann.id}`,
      before: { userId: ann.id, topicId: news.id, source: "button" },
    });
    await h.press(ann, "🔕 Unsubscribe from News");
    expect(h.fake.callsOf("answerCallbackQuery").at(-1)?.params?.text).toBe(
      "You are not subscribed to News.",
    );
  });

  it("when the button is switched off, or the segment does not require one topic, then no 🔕 button is sent", async () => {
    const { ann, bob, repository } = setUp();
    await waitForStatus(repository, mail("topic:News", { topicButton: false }).id);
    expect(buttonTexts(ann.id)).toEqual(["Site"]);
    await waitForStatus(repository, mail("topic:News | lang:de").id);
    expect(buttonTexts(ann.id)).toEqual(["Site"]);
    await waitForStatus(repository, mail("-topic:News lang:en").id);
    expect(h.fake.textsTo(bob)).toEqual(["Today's news"]);
    expect(buttonTexts(bob.id)).toEqual(["Site"]);
  });

  it("when the segment names an unknown topic, then the mailing is refused and nothing is stored", () => {
    setUp();
    expect(() => mail("topic:Sports")).toThrow(/no topic has this name/);
    expect(h.services.mailings.list(10)).toEqual([]);
  });
});
