import { afterEach, describe, expect, it } from "vitest";
import { apiActor } from "../../src/features/audit/audit-log.js";
import { addQuestion, createForm } from "../../src/features/forms/form-commands.js";
import { createDeeplink, DeeplinkInputError } from "../../src/features/gate/deeplinks/deeplink-commands.js";
import { createTopic, deleteTopic } from "../../src/features/topics/topic-commands.js";
import { texts } from "../../src/texts/topics.js";
import { createHarness, type Harness, ownerId } from "../support/bot-harness.js";

let h: Harness;
afterEach(() => h.close());

/** Two topics and a registered user. */
async function setUp() {
  h = createHarness();
  const news = createTopic(h.services, apiActor, { name: "News", description: "What is new" });
  const deals = createTopic(h.services, apiActor, { name: "Deals" });
  const ann = h.addUser();
  await h.start(ann);
  return { news, deals, ann };
}

const topicIdsOf = (userId: number) => [...h.services.topics.topicIdsOf(userId)].sort();
const buttonsOf = (userId: number) => h.fake.inlineButtons(h.fake.lastMessageTo(userId)).map((b) => b.text);
const lastPressAnswer = () => h.fake.callsOf("answerCallbackQuery").at(-1)?.params;

describe("/topics", () => {
  it("when a registered user sends /topics, then every topic is listed with its description and a ▫️ button", async () => {
    const { ann } = await setUp();
    await h.say(ann, "/topics");
    const last = h.fake.lastMessageTo(ann);
    expect(last?.text).toContain("▫️ News: What is new");
    expect(last?.text).toContain("▫️ Deals");
    expect(buttonsOf(ann.id)).toEqual(["▫️ Deals", "▫️ News"]);
  });

  it("when the user presses a topic, then they are subscribed, the message shows ✅ in place, and it is audited", async () => {
    const { news, ann } = await setUp();
    await h.say(ann, "/topics");
    const listId = h.fake.lastMessageTo(ann)?.message_id;
    await h.press(ann, "▫️ News");
    expect(topicIdsOf(ann.id)).toEqual([news.id]);
    expect(h.services.topics.subscriptionsOf(ann.id)[0]?.source).toBe("user");
    const last = h.fake.lastMessageTo(ann);
    expect(last?.message_id).toBe(listId);
    expect(last?.edited).toBe(true);
    expect(buttonsOf(ann.id)).toEqual(["▫️ Deals", "✅ News"]);
    expect(lastPressAnswer()?.text).toBe("✅ Subscribed to News");
    expect(h.services.audit.recent(1)[0]).toMatchObject({
      action: "topics.subscribe",
      actorLabel: `user ${ann.id}`,
      after: { userId: ann.id, topic: "News", source: "user" },
    });
  });

  it("when the user presses a ✅ topic, then they are unsubscribed and the button turns ▫️", async () => {
    const { ann } = await setUp();
    await h.say(ann, "/topics");
    await h.press(ann, "▫️ News");
    await h.press(ann, "✅ News");
    expect(topicIdsOf(ann.id)).toEqual([]);
    expect(buttonsOf(ann.id)).toEqual(["▫️ Deals", "▫️ News"]);
    expect(h.services.audit.recent(1)[0]?.action).toBe("topics.unsubscribe");
  });

  it("when a press names a topic deleted meanwhile, then it is answered and nothing changes", async () => {
    const { news, ann } = await setUp();
    await h.say(ann, "/topics");
    const message = h.fake.lastMessageTo(ann);
    h.services.topics.delete(news.id);
    await h.send(
      h.fake.updates.callback(ann, {
        message_id: message?.message_id ?? 0,
        data: `topics:toggle:${news.id}`,
      }),
    );
    expect(lastPressAnswer()?.text).toBe(texts.gone);
    expect(h.services.topics.topicIdsOf(ann.id).size).toBe(0);
    expect(h.fake.lastMessageTo(ann)?.edited).toBe(false);
  });

  it("when the callback data is forged, then the press is answered and no subscription changes", async () => {
    const { ann } = await setUp();
    await h.say(ann, "/topics");
    const message_id = h.fake.lastMessageTo(ann)?.message_id ?? 0;
    for (const data of ["topics:toggle:abc", "topics:toggle:0", "topics:toggle:999999", "topics:off:-1"]) {
      const before = h.fake.callsOf("answerCallbackQuery").length;
      await h.send(h.fake.updates.callback(ann, { message_id, data }));
      expect(h.fake.callsOf("answerCallbackQuery").length, data).toBe(before + 1);
    }
    expect(h.services.topics.topicIdsOf(ann.id).size).toBe(0);
    expect(h.services.audit.recent(5).filter((e) => e.action.startsWith("topics.sub"))).toEqual([]);
  });

  it("when someone not yet registered sends /topics, then no topic list is shown", async () => {
    h = createHarness({ settings: { captcha: { enabled: true } } });
    createTopic(h.services, apiActor, { name: "News" });
    const bob = h.addUser();
    await h.start(bob);
    await h.say(bob, "/topics");
    expect(h.fake.textsTo(bob).some((t) => t.startsWith("🏷"))).toBe(false);
  });

  it("when there are no topics, then /topics says so", async () => {
    h = createHarness();
    const ann = h.addUser();
    await h.start(ann);
    await h.say(ann, "/topics");
    expect(h.fake.lastMessageTo(ann)?.text).toBe(texts.none);
  });
});

describe("subscribing through a deeplink", () => {
  it("when a newcomer opens a deeplink with topics, then they are subscribed with source deeplink, audited as theirs", async () => {
    h = createHarness({ settings: { deeplinks: { enabled: true } } });
    const news = createTopic(h.services, apiActor, { name: "News" });
    createDeeplink(h.services, apiActor, {
      code: "Promo",
      content: { type: "text", text: "Welcome to the news" },
      topics: ["news"],
    });
    const ann = h.addUser();
    await h.start(ann, "Promo");
    expect(h.fake.textsTo(ann)).toContain("Welcome to the news");
    expect(h.services.topics.subscriptionsOf(ann.id)).toEqual([
      { topic: news, source: "deeplink", since: h.clock.now() },
    ]);
    expect(h.services.audit.recent(1)[0]).toMatchObject({
      action: "topics.subscribe",
      actorLabel: `user ${ann.id}`,
      after: { topic: "News", source: "deeplink" },
    });
  });

  it("when a deeplink's topic was deleted meanwhile, then the link still works and subscribes to nothing", async () => {
    h = createHarness({ settings: { deeplinks: { enabled: true } } });
    const news = createTopic(h.services, apiActor, { name: "News" });
    createDeeplink(h.services, apiActor, {
      code: "Promo",
      content: { type: "text", text: "Hi" },
      topics: ["News"],
    });
    deleteTopic(h.services, apiActor, news.id);
    const ann = h.addUser();
    await h.start(ann, "Promo");
    expect(h.fake.textsTo(ann)).toContain("Hi");
    expect(h.services.topics.subscriptionsOf(ann.id)).toEqual([]);
  });

  it("when a deeplink names a topic that does not exist, then it is refused", () => {
    h = createHarness();
    expect(() =>
      createDeeplink(h.services, apiActor, {
        code: "Promo",
        content: { type: "text", text: "Hi" },
        topics: ["Nope"],
      }),
    ).toThrow(DeeplinkInputError);
    expect(h.services.deeplinks.find("Promo")).toBeUndefined();
  });
});

describe("subscribing through a form", () => {
  const owner = { kind: "admin", id: ownerId } as const;

  it("when a user picks a topic in a topic choice question, then they are subscribed with source form", async () => {
    h = createHarness();
    const news = createTopic(h.services, apiActor, { name: "News" });
    createTopic(h.services, apiActor, { name: "Deals" });
    const survey = createForm(h.services, owner, { name: "Survey" });
    const question = {
      kind: "choice",
      targetKind: "topic",
      target: "topic",
      prompt: "Follow which?",
    } as const;
    addQuestion(h.services, owner, {
      formId: survey.id,
      question: { ...question, choices: ["News", "Deals"] },
    });
    const ann = h.addUser();
    await h.start(ann);
    await h.start(ann, survey.code);
    expect(h.fake.textsTo(ann).at(-1)).toMatch(/^Follow which\?/);
    await h.say(ann, "News");
    expect(h.services.topics.subscriptionsOf(ann.id)).toEqual([
      { topic: news, source: "form", since: h.clock.now() },
    ]);
    expect(h.services.audit.recent(1)[0]).toMatchObject({
      action: "topics.subscribe",
      after: { topic: "News", source: "form" },
    });
  });

  it("when a topic question names no topic, or is no choice, then it is refused", () => {
    h = createHarness();
    createTopic(h.services, apiActor, { name: "News" });
    const survey = createForm(h.services, owner, { name: "Survey" });
    const base = { targetKind: "topic", target: "topic", prompt: "Follow?" } as const;
    expect(() =>
      addQuestion(h.services, owner, {
        formId: survey.id,
        question: { ...base, kind: "choice", choices: ["Sports"] },
      }),
    ).toThrow(/No topic is named Sports/);
    expect(() =>
      addQuestion(h.services, owner, { formId: survey.id, question: { ...base, kind: "text" } }),
    ).toThrow(/Only a choice question/);
  });
});
