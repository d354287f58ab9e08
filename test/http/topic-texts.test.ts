import { afterEach, describe, expect, it } from "vitest";
import { apiActor } from "../../src/features/audit/audit-log.js";
import { createTopic } from "../../src/features/topics/topic-commands.js";
import { type ApiHarness, createApiHarness } from "../support/http-harness.js";

let h: ApiHarness;
afterEach(() => h?.close?.());

describe("PATCH /api/settings: the /topics texts", () => {
  it("when no text is overridden, then GET shows each as null (the default)", async () => {
    h = createApiHarness();
    const answer = await h.get("/api/settings");
    expect(answer.json.topics).toEqual({
      list: null,
      none: null,
      subscribed: null,
      unsubscribed: null,
      gone: null,
      unsubscribe_button: null,
      unsubscribed_by_button: null,
      already_unsubscribed: null,
    });
  });

  it("when an override is set, then /topics uses it, it is audited as api, and null returns the default", async () => {
    h = createApiHarness();
    createTopic(h.services, apiActor, { name: "News" });
    const ann = h.addUser();
    await h.start(ann);
    const set = await h.patch("/api/settings", { body: { topics: { list: "Follow what you like:" } } });
    expect(set.status).toBe(200);
    expect(set.json.topics.list).toBe("Follow what you like:");
    expect(h.services.audit.recent(1)[0]).toMatchObject({
      actorLabel: "api",
      action: "settings.topics",
      after: { list: "Follow what you like:" },
    });
    await h.say(ann, "/topics");
    expect(h.fake.lastMessageTo(ann)?.text).toBe("Follow what you like:\n\n▫️ News");

    const reset = await h.patch("/api/settings", { body: { topics: { list: null } } });
    expect(reset.json.topics.list).toBeNull();
    await h.say(ann, "/topics");
    expect(h.fake.lastMessageTo(ann)?.text).toBe(
      "🏷 Topics you can follow. Tap one to subscribe or unsubscribe:\n\n▫️ News",
    );
  });

  it("when an override uses a field its text does not take, or is too long, then it is a 400 naming the field and nothing changes", async () => {
    h = createApiHarness();
    const field = await h.patch("/api/settings", {
      body: {
        topics: { unsubscribe_button: "Stop {name}", subscribed: "Hi {first_name}, you follow {name}" },
      },
    });
    expect(field.status).toBe(400);
    expect(field.json.error.code).toBe("unknown_topic_text_field");
    expect(field.json.error.details).toEqual([
      expect.objectContaining({ path: "body.topics.subscribed", message: expect.stringContaining("{name}") }),
    ]);
    const long = await h.patch("/api/settings", { body: { topics: { unsubscribe_button: "x".repeat(39) } } });
    expect(long.status).toBe(400);
    expect(long.json.error.details).toEqual([
      expect.objectContaining({ path: "body.topics.unsubscribe_button" }),
    ]);
    expect(h.services.settings.get("topics")).toMatchObject({ subscribed: null, unsubscribeButton: null });
    expect(h.services.audit.count()).toBe(0);
  });
});
