import { afterEach, describe, expect, it } from "vitest";
import type { SimUser } from "../support/fake-telegram/index.js";
import { type ApiHarness, createApiHarness } from "../support/http-harness.js";
import { seedBotUsers } from "../support/mailing-helpers.js";
import { createTestSender, hour } from "../support/sequence-helpers.js";

let h: ApiHarness;
afterEach(() => h?.close?.());

async function createdSequence(body: Record<string, unknown> = {}) {
  const answer = await h.post("/api/sequences", { body: { name: "Onboarding", enabled: true, ...body } });
  expect(answer.status, JSON.stringify(answer.json)).toBe(201);
  return answer.json as { id: number };
}

async function addedStep(sequenceId: number, body: Record<string, unknown>) {
  const answer = await h.post(`/api/sequences/${sequenceId}/steps`, { body });
  expect(answer.status, JSON.stringify(answer.json)).toBe(201);
  return answer.json as { id: number };
}

describe("/api/sequences", () => {
  it("when a sequence and its steps are made over the API, then they read back as sent and every change is audited", async () => {
    h = createApiHarness();
    const sequence = await createdSequence({ stop_button: true, trigger_tag: "Trial" });
    await addedStep(sequence.id, { text: "Hi {first_name}", delay_minutes: 0 });
    await addedStep(sequence.id, {
      copy: { from_chat_id: -100, message_id: 7 },
      buttons: [[{ text: "Docs", url: "https://example.com/docs" }]],
      delay_minutes: 1440,
      window: { start: "09:00", end: "20:00" },
    });
    const read = await h.get(`/api/sequences/${sequence.id}`);
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({
      name: "Onboarding",
      enabled: true,
      stop_button: true,
      trigger_tag: "trial",
      resubscribe: "restart",
      steps: [
        { position: 0, content: { type: "text", text: "Hi {first_name}" }, delay_minutes: 0, window: null },
        {
          position: 1,
          content: { type: "copy", from_chat_id: -100, message_id: 7 },
          delay_minutes: 1440,
          window: { start: "09:00", end: "20:00" },
        },
      ],
    });
    const actions = h.services.audit.recent().map((e) => `${e.action}:${e.actorLabel}`);
    expect(actions).toEqual(expect.arrayContaining(["sequences.create:api", "sequences.add_step:api"]));
    expect(actions.filter((a) => a === "sequences.add_step:api")).toHaveLength(2);
  });

  it("when a step's input is wrong, then it is refused with the field and nothing is stored", async () => {
    h = createApiHarness();
    const sequence = await createdSequence();
    const both = await h.post(`/api/sequences/${sequence.id}/steps`, {
      body: { text: "x", copy: { from_chat_id: 1, message_id: 1 }, delay_minutes: 0 },
    });
    expect(both.status).toBe(400);
    const sameEnds = await h.post(`/api/sequences/${sequence.id}/steps`, {
      body: { text: "x", delay_minutes: 0, window: { start: "09:00", end: "09:00" } },
    });
    expect(sameEnds.status).toBe(400);
    expect(sameEnds.json).toMatchObject({ error: { code: "invalid_window" } });
    const unknownField = await h.post(`/api/sequences/${sequence.id}/steps`, {
      body: { text: "Hi {nickname}", delay_minutes: 0 },
    });
    expect(unknownField.status).toBe(400);
    expect(h.services.sequences.steps(sequence.id)).toHaveLength(0);
    expect((await h.post("/api/sequences/999/steps", { body: { text: "x", delay_minutes: 0 } })).status).toBe(
      404,
    );
  });

  it("when a user is subscribed over the API, then the steps come, the card's list shows the next one, and unsubscribing stops them", async () => {
    h = createApiHarness();
    const [ann] = seedBotUsers(h, [{ first_name: "Ann" }]) as [SimUser];
    const sequence = await createdSequence();
    await addedStep(sequence.id, { text: "One {first_name}", delay_minutes: 0 });
    await addedStep(sequence.id, { text: "Two", delay_minutes: 60 });
    await addedStep(sequence.id, { text: "Three", delay_minutes: 60 });

    const subscribed = await h.put(`/api/users/${ann.id}/sequences/${sequence.id}`);
    expect(subscribed.status).toBe(200);
    expect(subscribed.json).toMatchObject({ status: "active", next_position: 0, source: "api" });
    const sender = createTestSender(h);
    await sender.pass();
    expect(h.fake.textsTo(ann.id)).toEqual(["One Ann"]);

    const listed = await h.get(`/api/users/${ann.id}/sequences`);
    expect(listed.json).toEqual({
      subscriptions: [
        {
          sequence_id: sequence.id,
          sequence_name: "Onboarding",
          status: "active",
          next_position: 1,
          next_due_at: new Date(h.clock.now().getTime() + hour).toISOString(),
          source: "api",
          subscribed_at: h.clock.now().toISOString(),
          stop_reason: null,
        },
      ],
    });
    h.clock.advance(hour);
    await sender.pass();
    expect((await h.delete(`/api/users/${ann.id}/sequences/${sequence.id}`)).status).toBe(204);
    expect((await h.delete(`/api/users/${ann.id}/sequences/${sequence.id}`)).status).toBe(404);
    h.clock.advance(hour);
    await sender.pass();
    expect(h.fake.textsTo(ann.id)).toEqual(["One Ann", "Two"]);

    const stats = await h.get(`/api/sequences/${sequence.id}/stats`);
    expect(stats.json).toMatchObject({
      active: 0,
      stopped: 1,
      steps: [{ sent: 1 }, { sent: 1 }, { sent: 0 }],
    });
    const actions = h.services.audit.recent().map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["sequences.subscribe", "sequences.unsubscribe"]));
  });

  it("when a disabled sequence has due subscribers, then nothing is sent until it is enabled", async () => {
    h = createApiHarness();
    const [ann] = seedBotUsers(h, [{ first_name: "Ann" }]) as [SimUser];
    const sequence = await createdSequence({ enabled: false });
    await addedStep(sequence.id, { text: "One", delay_minutes: 0 });
    await h.put(`/api/users/${ann.id}/sequences/${sequence.id}`);
    const sender = createTestSender(h);
    await sender.pass();
    expect(h.fake.textsTo(ann.id)).toEqual([]);
    expect((await h.patch(`/api/sequences/${sequence.id}`, { body: { enabled: true } })).status).toBe(200);
    await sender.pass();
    expect(h.fake.textsTo(ann.id)).toEqual(["One"]);
  });

  it("when a user or sequence does not exist, then subscribing answers 404", async () => {
    h = createApiHarness();
    const sequence = await createdSequence();
    expect((await h.put(`/api/users/424242/sequences/${sequence.id}`)).status).toBe(404);
    const [ann] = seedBotUsers(h, [{ first_name: "Ann" }]) as [SimUser];
    expect((await h.put(`/api/users/${ann.id}/sequences/999`)).status).toBe(404);
  });

  it("when a sequence is deleted, then its subscriptions go with it", async () => {
    h = createApiHarness();
    const [ann] = seedBotUsers(h, [{ first_name: "Ann" }]) as [SimUser];
    const sequence = await createdSequence();
    await h.put(`/api/users/${ann.id}/sequences/${sequence.id}`);
    expect((await h.delete(`/api/sequences/${sequence.id}`)).status).toBe(204);
    expect((await h.get(`/api/users/${ann.id}/sequences`)).json).toEqual({ subscriptions: [] });
    expect((await h.get("/api/sequences")).json).toEqual({ sequences: [] });
  });

  it("when a segment is subscribed in bulk, then exactly the live users it selects are subscribed, once, and it is audited once", async () => {
    h = createApiHarness();
    const [ann, bob, cat] = seedBotUsers(h, [
      { first_name: "Ann" },
      { first_name: "Bob" },
      { first_name: "Cat" },
    ]) as [SimUser, SimUser, SimUser];
    h.services.users.addTags(ann.id, ["trial"], h.clock.now());
    h.services.users.addTags(bob.id, ["trial"], h.clock.now());
    h.services.users.markDead(bob.id, "blocked", h.clock.now());
    const sequence = await createdSequence();
    const answer = await h.post(`/api/sequences/${sequence.id}/subscribers`, {
      body: { segment: "tag:trial" },
    });
    expect(answer.json).toEqual({ subscribed: 1 });
    expect(h.services.sequences.subscription(sequence.id, ann.id)).toMatchObject({ status: "active" });
    expect(h.services.sequences.subscription(sequence.id, bob.id)).toBeUndefined();
    expect(h.services.sequences.subscription(sequence.id, cat.id)).toBeUndefined();
    const again = await h.post(`/api/sequences/${sequence.id}/subscribers`, {
      body: { segment: "tag:trial" },
    });
    expect(again.json).toEqual({ subscribed: 0 });
    expect(h.services.audit.recent().filter((e) => e.action === "sequences.subscribe_segment")).toHaveLength(
      2,
    );
    const bad = await h.post(`/api/sequences/${sequence.id}/subscribers`, { body: { segment: "tag:(" } });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: { code: "invalid_segment" } });
  });

  it("when the API gives a user the trigger tag, then the sender's next pass subscribes them", async () => {
    h = createApiHarness();
    const [ann] = seedBotUsers(h, [{ first_name: "Ann" }]) as [SimUser];
    const sequence = await createdSequence({ trigger_tag: "trial" });
    await addedStep(sequence.id, { text: "Trial day one", delay_minutes: 0 });
    h.clock.advance(1000);
    const tagged = await h.patch(`/api/users/${ann.id}`, { body: { tags: { add: ["trial"] } } });
    expect(tagged.status, JSON.stringify(tagged.json)).toBe(200);
    await createTestSender(h).pass();
    expect((await h.get(`/api/users/${ann.id}/sequences`)).json).toMatchObject({
      subscriptions: [{ sequence_id: sequence.id, source: "tag", status: "completed", next_position: 1 }],
    });
    expect(h.fake.textsTo(ann.id)).toEqual(["Trial day one"]);
  });

  it("when a subscriber is banned before their step is due, then the step is not sent and the subscription stops", async () => {
    h = createApiHarness();
    const [ann] = seedBotUsers(h, [{ first_name: "Ann" }]) as [SimUser];
    const sequence = await createdSequence();
    await addedStep(sequence.id, { text: "One", delay_minutes: 60 });
    await h.put(`/api/users/${ann.id}/sequences/${sequence.id}`);
    expect((await h.patch(`/api/users/${ann.id}`, { body: { status: "banned" } })).status).toBe(200);
    h.clock.advance(hour);
    await createTestSender(h).pass();
    expect(h.fake.textsTo(ann.id)).toEqual([]);
    expect(h.services.sequences.subscription(sequence.id, ann.id)).toMatchObject({
      status: "stopped",
      stopReason: "dead",
    });
  });
});
