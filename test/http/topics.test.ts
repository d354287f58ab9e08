import { afterEach, describe, expect, it } from "vitest";
import { type ApiHarness, createApiHarness } from "../support/http-harness.js";

let h: ApiHarness;
afterEach(() => h?.close?.());

/** A registered bot user, as the gate leaves them. */
async function botUser() {
  const ann = h.addUser();
  await h.start(ann);
  return ann;
}

describe("/api/topics", () => {
  it("when a topic is created, then it is stored, listed with its count and audited as api", async () => {
    h = createApiHarness();
    const answer = await h.post("/api/topics", { body: { name: "News", description: " What is new " } });
    expect(answer.status).toBe(201);
    expect(answer.json).toEqual({
      id: expect.any(Number),
      name: "News",
      description: "What is new",
      subscribers: 0,
      created_at: h.clock.now().toISOString(),
    });
    expect(h.services.audit.recent(1)[0]).toMatchObject({
      actorLabel: "api",
      action: "topics.create",
      after: { name: "News", description: "What is new" },
    });
    expect((await h.get("/api/topics")).json.topics.map((t: { name: string }) => t.name)).toEqual(["News"]);
    expect((await h.get("/api/topics/news")).json.name).toBe("News");
  });

  it("when the name is taken in another case or is not one word, then it is refused and nothing stored", async () => {
    h = createApiHarness();
    await h.post("/api/topics", { body: { name: "News" } });
    const taken = await h.post("/api/topics", { body: { name: "NEWS" } });
    expect(taken.status).toBe(409);
    expect(taken.json.error.code).toBe("topic_name_taken");
    for (const name of ["", "two words", "x".repeat(33), "a/b"]) {
      expect((await h.post("/api/topics", { body: { name } })).status, name).toBe(400);
    }
    expect(
      (await h.post("/api/topics", { body: { name: "Deals", description: "d".repeat(257) } })).status,
    ).toBe(400);
    expect(h.services.topics.list()).toHaveLength(1);
  });

  it("when a topic is renamed, redescribed and deleted, then each change is audited and subscriptions go with it", async () => {
    h = createApiHarness();
    const ann = await botUser();
    await h.post("/api/topics", { body: { name: "News" } });
    await h.post("/api/topics", { body: { name: "Deals" } });
    await h.put(`/api/users/${ann.id}/topics/news`);
    const renamed = await h.patch("/api/topics/News", { body: { name: "Daily", description: "Every day" } });
    expect(renamed.status).toBe(200);
    expect(renamed.json).toMatchObject({ name: "Daily", description: "Every day", subscribers: 1 });
    expect((await h.patch("/api/topics/Daily", { body: { name: "deals" } })).status).toBe(409);
    expect(h.services.audit.recent(1)[0]).toMatchObject({
      action: "topics.edit",
      before: { name: "News", description: "" },
      after: { name: "Daily", description: "Every day" },
    });
    expect((await h.delete("/api/topics/daily")).status).toBe(204);
    expect(h.services.topics.topicIdsOf(ann.id).size).toBe(0);
    expect(h.services.audit.recent(1)[0]).toMatchObject({
      action: "topics.delete",
      before: { name: "Daily", subscribers: 1 },
    });
    expect((await h.delete("/api/topics/daily")).status).toBe(404);
    expect((await h.get("/api/topics/daily")).json.error.code).toBe("unknown_topic");
  });
});

describe("/api/users/{id}/topics", () => {
  it("when the API subscribes a user, then the subscription has source api, is audited once, and reads back", async () => {
    h = createApiHarness();
    const ann = await botUser();
    await h.post("/api/topics", { body: { name: "News", description: "What is new" } });
    const put = await h.put(`/api/users/${ann.id}/topics/NEWS`);
    expect(put.status).toBe(200);
    expect(put.json).toEqual({
      topic: "News",
      description: "What is new",
      source: "api",
      since: h.clock.now().toISOString(),
    });
    expect((await h.put(`/api/users/${ann.id}/topics/news`)).status).toBe(200);
    const audited = h.services.audit.recent(10).filter((e) => e.action === "topics.subscribe");
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ actorLabel: "api", after: { userId: ann.id, source: "api" } });
    expect((await h.get(`/api/users/${ann.id}/topics`)).json.topics).toEqual([put.json]);
    expect((await h.get(`/api/users/${ann.id}/topics/News`)).status).toBe(200);
  });

  it("when the API unsubscribes a user, then they are no longer subscribed and it is audited", async () => {
    h = createApiHarness();
    const ann = await botUser();
    await h.post("/api/topics", { body: { name: "News" } });
    await h.put(`/api/users/${ann.id}/topics/News`);
    expect((await h.delete(`/api/users/${ann.id}/topics/News`)).status).toBe(204);
    expect(h.services.topics.topicIdsOf(ann.id).size).toBe(0);
    expect(h.services.audit.recent(1)[0]).toMatchObject({
      action: "topics.unsubscribe",
      before: { userId: ann.id, topic: "News", source: "api" },
    });
    expect((await h.get(`/api/users/${ann.id}/topics/News`)).status).toBe(404);
    expect((await h.delete(`/api/users/${ann.id}/topics/News`)).status).toBe(204);
  });

  it("when the user or the topic does not exist, then 404 and nothing changes", async () => {
    h = createApiHarness();
    const ann = await botUser();
    await h.post("/api/topics", { body: { name: "News" } });
    const noTopic = await h.put(`/api/users/${ann.id}/topics/Sports`);
    expect(noTopic.status).toBe(404);
    expect(noTopic.json.error.code).toBe("unknown_topic");
    expect((await h.put("/api/users/4242/topics/News")).status).toBe(404);
    expect((await h.get("/api/users/4242/topics")).status).toBe(404);
    expect(h.services.topics.subscriberCount(h.services.topics.findByName("news")?.id ?? 0)).toBe(0);
  });

  it("when users are listed by segment, then topic:<name> selects subscribers and an unknown topic is a 400", async () => {
    h = createApiHarness();
    const ann = await botUser();
    await botUser();
    await h.post("/api/topics", { body: { name: "News" } });
    await h.put(`/api/users/${ann.id}/topics/News`);
    const listed = await h.get("/api/users?q=topic:news");
    expect(listed.status).toBe(200);
    expect(listed.json.users.map((u: { id: number }) => u.id)).toEqual([ann.id]);
    const unknown = await h.get("/api/users?q=topic:sports");
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.message).toContain("no topic has this name");
  });
});

describe("deeplinks with topics over the API", () => {
  it("when a deeplink is created and changed with topics, then they read back by name and the change is audited", async () => {
    h = createApiHarness();
    await h.post("/api/topics", { body: { name: "News" } });
    await h.post("/api/topics", { body: { name: "Deals" } });
    const created = await h.post("/api/deeplinks", { body: { code: "Promo", text: "Hi", topics: ["news"] } });
    expect(created.status).toBe(201);
    expect(created.json.topics).toEqual(["News"]);
    const changed = await h.patch("/api/deeplinks/Promo", { body: { topics: ["Deals", "NEWS"] } });
    expect(changed.json.topics).toEqual(["Deals", "News"]);
    expect(h.services.audit.recent(1)[0]).toMatchObject({
      action: "deeplinks.topics",
      before: { topics: ["News"] },
      after: { topics: ["Deals", "News"] },
    });
    const refused = await h.patch("/api/deeplinks/Promo", { body: { topics: ["Sports"] } });
    expect(refused.status).toBe(400);
    expect(refused.json.error.code).toBe("invalid_topics");
    expect((await h.get("/api/deeplinks/Promo")).json.topics).toEqual(["Deals", "News"]);
  });
});

describe("mailings to a topic over the API", () => {
  it("when a mailing names an unknown topic, then it is a 400 naming the token; a known one is created with its 🔕 button on", async () => {
    h = createApiHarness();
    await h.post("/api/topics", { body: { name: "News" } });
    const refused = await h.post("/api/mailings", {
      body: { text: "Hi", audience: { segment: "topic:Sports" } },
    });
    expect(refused.status).toBe(400);
    expect(refused.json.error.code).toBe("invalid_segment");
    expect(refused.json.error.message).toMatch(/“sports” at 6: no topic has this name/i);
    const created = await h.post("/api/mailings", {
      body: { text: "Hi", audience: { segment: "topic:News" } },
    });
    expect(created.status).toBe(201);
    expect(created.json.options.topic_button).toBe(true);
  });
});
