import { afterEach, describe, expect, it } from "vitest";
import { apiActor } from "../../../src/features/audit/audit-log.js";
import { createForm } from "../../../src/features/forms/form-commands.js";
import { subscribeUser } from "../../../src/features/topics/subscriptions.js";
import { createTopic } from "../../../src/features/topics/topic-commands.js";
import { currentMenu, openAdmin } from "../../support/admin-helpers.js";
import { createHarness, type Harness, ownerId } from "../../support/bot-harness.js";

let h: Harness;
afterEach(() => h.close());

const toTopics = ["🧩 Extensions", "🏷 Topics"];
const lastText = () => h.fake.textsTo(ownerId).at(-1) ?? "";

describe("admin menu: 🏷 Topics page", () => {
  it("when the owner creates a topic through the menu, then it is stored, audited as theirs and listed with its count", async () => {
    h = createHarness();
    await openAdmin(h, toTopics);
    expect(currentMenu(h).text).toContain("No topics yet.");
    await h.press(h.owner, "➕ New topic");
    await h.say(h.owner, "two words");
    expect(lastText()).toContain("without spaces");
    await h.say(h.owner, "News");
    await h.say(h.owner, "What is new");
    expect(h.fake.textsTo(ownerId).at(-2)).toBe("✅ Topic News created. Users see it in /topics.");
    expect(h.services.topics.findByName("news")).toMatchObject({ name: "News", description: "What is new" });
    expect(h.services.audit.recent(1)[0]).toMatchObject({ action: "topics.create", actorId: ownerId });
    const menu = currentMenu(h);
    expect(menu.text).toContain("• News: 0 subscribers");
    expect(menu.buttons).toContain("🏷 News");
  });

  it("when a name is taken in another case, then the admin is told and nothing is stored", async () => {
    h = createHarness();
    createTopic(h.services, apiActor, { name: "News" });
    await openAdmin(h, toTopics);
    await h.press(h.owner, "➕ New topic");
    await h.say(h.owner, "NEWS");
    await h.say(h.owner, "-");
    expect(h.fake.textsTo(ownerId).some((t) => t.includes("Another topic is already named NEWS"))).toBe(true);
    expect(h.services.topics.list()).toHaveLength(1);
  });

  it("when the owner renames, redescribes and deletes a topic, then each is done through the verb and subscriptions go", async () => {
    h = createHarness();
    const news = createTopic(h.services, apiActor, { name: "News" });
    const ann = h.addUser();
    await h.start(ann);
    subscribeUser(h.services, apiActor, { userId: ann.id, topic: { id: news.id }, source: "api" });
    await openAdmin(h, [...toTopics, "🏷 News"]);
    expect(currentMenu(h).text).toContain("Subscribers: 1");
    await h.press(h.owner, "✏️ Rename");
    await h.say(h.owner, "Daily");
    expect(h.services.topics.find(news.id)?.name).toBe("Daily");
    await h.press(h.owner, "🏷 Daily");
    await h.press(h.owner, "📝 Description");
    await h.say(h.owner, "Every day");
    expect(h.services.topics.find(news.id)?.description).toBe("Every day");
    await h.press(h.owner, "🏷 Daily");
    await h.press(h.owner, "🗑 Delete");
    expect(currentMenu(h).text).toContain("Its 1 subscribers are unsubscribed");
    await h.press(h.owner, "🗑 Yes, delete");
    expect(h.services.topics.find(news.id)).toBeUndefined();
    expect(h.services.topics.topicIdsOf(ann.id).size).toBe(0);
    expect(h.services.audit.recent(3).map((e) => e.action)).toEqual([
      "topics.delete",
      "topics.edit",
      "topics.edit",
    ]);
  });

  it("when someone who is no admin sends the menu's press, then nothing changes", async () => {
    h = createHarness();
    createTopic(h.services, apiActor, { name: "News" });
    const mallory = h.addUser();
    await h.start(mallory);
    await openAdmin(h, [...toTopics, "🏷 News", "🗑 Delete"]);
    const button = h.fake.findButton(ownerId, "🗑 Yes, delete");
    if (!button?.button.callback_data) throw new Error("no confirm button");
    // Mallory replays the owner's button data in her own chat.
    const own = h.fake.lastMessageTo(mallory);
    await h.send(
      h.fake.updates.callback(mallory, {
        message_id: own?.message_id ?? 1,
        data: button.button.callback_data,
      }),
    );
    expect(h.services.topics.list()).toHaveLength(1);
  });
});

describe("admin menu: the user card's topics", () => {
  it("when an admin subscribes and unsubscribes a user from the card, then the card shows it and each change is audited with source admin", async () => {
    h = createHarness();
    const news = createTopic(h.services, apiActor, { name: "News" });
    createTopic(h.services, apiActor, { name: "Deals" });
    const ann = h.addUser();
    await h.start(ann);
    subscribeUser(h.services, apiActor, { userId: ann.id, topic: { id: news.id }, source: "api" });
    await openAdmin(h, ["👥 Users", "🔎 Search"]);
    await h.say(h.owner, String(ann.id));
    expect(currentMenu(h).text).toContain("Topics: News");
    await h.press(h.owner, "🔖 Topics");
    expect(currentMenu(h).text).toContain("✅ News (by the API, since");
    expect(currentMenu(h).buttons).toEqual(["▫️ Deals", "✅ News", "⬅ Back"]);
    await h.press(h.owner, "✅ News");
    await h.press(h.owner, "▫️ Deals");
    expect([...h.services.topics.subscriptionsOf(ann.id)].map((s) => [s.topic.name, s.source])).toEqual([
      ["Deals", "admin"],
    ]);
    expect(currentMenu(h).buttons).toEqual(["✅ Deals", "▫️ News", "⬅ Back"]);
    expect(h.services.audit.recent(2)).toEqual([
      expect.objectContaining({
        action: "topics.subscribe",
        actorId: ownerId,
        after: expect.objectContaining({ source: "admin" }),
      }),
      expect.objectContaining({
        action: "topics.unsubscribe",
        actorId: ownerId,
        before: expect.objectContaining({ source: "admin" }),
      }),
    ]);
    await h.press(h.owner, "⬅ Back");
    expect(currentMenu(h).text).toContain("Topics: Deals");
  });
});

describe("admin menu: a form question that subscribes to a topic", () => {
  it("when the owner adds a choice question with target topic, then its choices must be topic names and it is stored as a topic question", async () => {
    h = createHarness();
    createTopic(h.services, apiActor, { name: "News" });
    createTopic(h.services, apiActor, { name: "Deals" });
    const form = createForm(h.services, { kind: "admin", id: ownerId }, { name: "Survey" });
    await openAdmin(h, ["📝 Forms", /Survey/]);
    await h.press(h.owner, "➕ Question");
    for (const answer of ["choice", "topic", "Follow which?", "News\nSports", "no", "-"])
      await h.say(h.owner, answer);
    expect(h.fake.textsTo(ownerId).some((t) => t.includes("No topic is named Sports"))).toBe(true);
    expect(h.services.forms.questions(form.id)).toEqual([]);
    await h.press(h.owner, "➕ Question");
    for (const answer of ["choice", "topic", "Follow which?", "News\nDeals", "no", "-"])
      await h.say(h.owner, answer);
    expect(h.services.forms.questions(form.id)).toMatchObject([
      { kind: "choice", targetKind: "topic", target: "topic", choices: ["News", "Deals"] },
    ]);
  });
});
