import { afterEach, describe, expect, it } from "vitest";
import { type ApiHarness, createApiHarness } from "../support/http-harness.js";

let h: ApiHarness;
afterEach(() => h?.close?.());

type Call = [method: "post" | "patch" | "put", path: string, body: Record<string, unknown>];

/** The raw error bodies of `calls`, in order, each after its status. */
async function answers(calls: Call[]): Promise<string[]> {
  const out: string[] = [];
  for (const [method, path, body] of calls) {
    const answer = await h[method](path, { body });
    out.push(`${answer.status} ${answer.text}`);
  }
  return out;
}

describe("the API's refusals stay English, whatever the admins speak", () => {
  it("when a topic text, a form or a deeplink is refused, then the error JSON is the English it always was", async () => {
    h = createApiHarness();
    const form = await h.post("/api/forms", { body: { name: "Survey" } });
    const question = await h.post(`/api/forms/${form.json.id}/questions`, {
      body: { kind: "text", target_kind: "attribute", target: "city", prompt: "City?" },
    });
    expect(question.status).toBe(201);
    const questions = `/api/forms/${form.json.id}/questions`;
    const bodies = await answers([
      ["patch", "/api/settings", { topics: { subscribed: "Hi {first_name}, you follow {nickname}" } }],
      [
        "post",
        questions,
        { kind: "choice", target_kind: "attribute", target: "x", prompt: "?", choices: ["A", "a"] },
      ],
      [
        "post",
        questions,
        { kind: "text", target_kind: "attribute", target: "x", prompt: "?", choices: ["A"] },
      ],
      [
        "post",
        questions,
        { kind: "choice", target_kind: "topic", target: "topic", prompt: "?", choices: ["Nope"] },
      ],
      ["post", questions, { kind: "text", target_kind: "topic", target: "topic", prompt: "?" }],
      ["post", questions, { kind: "phone", target_kind: "field", target: "email", prompt: "?" }],
      ["post", questions, { kind: "text", target_kind: "field", target: "shoe_size", prompt: "?" }],
      ["post", questions, { kind: "text", target_kind: "attribute", target: "Bad Key", prompt: "?" }],
      ["patch", `/api/forms/${form.json.id}`, { completion_tag: "no spaces" }],
      ["put", `${questions}/order`, { question_ids: [] }],
      ["post", "/api/deeplinks", { text: "Hi", topics: ["Nope"] }],
    ]);
    expect(bodies).toMatchInlineSnapshot(`
      [
        "400 {"error":{"code":"unknown_topic_text_field","message":"body.topics.subscribed: {first_name} is no field of this text; the fields it takes: {name}","details":[{"path":"body.topics.subscribed","message":"{first_name} is no field of this text; the fields it takes: {name}"}]}}",
        "400 {"error":{"code":"invalid_choices","message":"body.choices: 1 to 12 different choices of up to 64 characters, none starting with /","details":[{"path":"body.choices","message":"1 to 12 different choices of up to 64 characters, none starting with /"}]}}",
        "400 {"error":{"code":"invalid_choices","message":"body.choices: Only a choice question has choices","details":[{"path":"body.choices","message":"Only a choice question has choices"}]}}",
        "400 {"error":{"code":"invalid_choices","message":"body.choices: No topic is named Nope","details":[{"path":"body.choices","message":"No topic is named Nope"}]}}",
        "400 {"error":{"code":"kind_target_mismatch","message":"body.kind: Only a choice question can subscribe to a topic","details":[{"path":"body.kind","message":"Only a choice question can subscribe to a topic"}]}}",
        "400 {"error":{"code":"kind_target_mismatch","message":"body.kind: A phone question cannot fill email","details":[{"path":"body.kind","message":"A phone question cannot fill email"}]}}",
        "400 {"error":{"code":"invalid_target","message":"body.target: A field is first_name, last_name, gender, email or phone","details":[{"path":"body.target","message":"A field is first_name, last_name, gender, email or phone"}]}}",
        "400 {"error":{"code":"invalid_target","message":"body.target: An attribute key has 1 to 64 characters of a-z, 0-9 and _","details":[{"path":"body.target","message":"An attribute key has 1 to 64 characters of a-z, 0-9 and _"}]}}",
        "400 {"error":{"code":"invalid_tags","message":"body.completion_tag: A tag has up to 32 characters of a-z, 0-9, _ and -","details":[{"path":"body.completion_tag","message":"A tag has up to 32 characters of a-z, 0-9, _ and -"}]}}",
        "400 {"error":{"code":"invalid_order","message":"body.question_ids: Name each of the form's questions once: 1","details":[{"path":"body.question_ids","message":"Name each of the form's questions once: 1"}]}}",
        "400 {"error":{"code":"invalid_topics","message":"body.topics: No topic is named Nope","details":[{"path":"body.topics","message":"No topic is named Nope"}]}}",
      ]
    `);
  });

  it("when a sequence, a step, a subscription or a mailing is refused, then the error JSON is the English it always was", async () => {
    h = createApiHarness();
    const sequence = await h.post("/api/sequences", { body: { name: "Onboarding", enabled: true } });
    const steps = `/api/sequences/${sequence.json.id}/steps`;
    const step = await h.post(steps, { body: { text: "x", delay_minutes: 0 } });
    const bodies = await answers([
      ["post", steps, { text: "x", delay_minutes: 0, window: { start: "09:00", end: "09:00" } }],
      ["patch", `/api/sequences/${sequence.json.id}`, { trigger_tag: "no spaces" }],
      ["patch", `/api/sequences/${sequence.json.id}`, { trigger_deeplink: "r1" }],
      ["put", `${steps}/${step.json.id}/position`, { position: 5 }],
      ["post", `/api/sequences/${sequence.json.id}/subscribers`, { segment: "tag:(" }],
      ["post", "/api/mailings", { text: "Hi", audience: { segment: "tag:vip lang:" } }],
      ["post", "/api/mailings", { text: "Hi", schedule_at: "2000-01-01T00:00:00Z" }],
    ]);
    expect(bodies).toMatchInlineSnapshot(`
      [
        "400 {"error":{"code":"invalid_window","message":"body.window: A window is two different times of day (minutes 0 to 1439)","details":[{"path":"body.window","message":"A window is two different times of day (minutes 0 to 1439)"}]}}",
        "400 {"error":{"code":"invalid_tags","message":"body.trigger_tag: A tag has up to 32 characters of a-z, 0-9, _ and -","details":[{"path":"body.trigger_tag","message":"A tag has up to 32 characters of a-z, 0-9, _ and -"}]}}",
        "400 {"error":{"code":"invalid_deeplink","message":"body.trigger_deeplink: A deeplink code has 1 to 64 characters of A-Z, a-z, 0-9, _ and -, and does not start as a referral link","details":[{"path":"body.trigger_deeplink","message":"A deeplink code has 1 to 64 characters of A-Z, a-z, 0-9, _ and -, and does not start as a referral link"}]}}",
        "400 {"error":{"code":"invalid_position","message":"body.position: A position is 0 to 0","details":[{"path":"body.position","message":"A position is 0 to 0"}]}}",
        "400 {"error":{"code":"invalid_segment","message":"body.segment: “tag:” at 0 has no value.","details":[{"path":"body.segment","message":"“tag:” at 0 has no value."}]}}",
        "400 {"error":{"code":"invalid_segment","message":"body.audience.segment: “lang:” at 8 has no value.","details":[{"path":"body.audience.segment","message":"“lang:” at 8 has no value."}]}}",
        "400 {"error":{"code":"schedule_in_past","message":"body.schedule_at: The start time must be in the future","details":[{"path":"body.schedule_at","message":"The start time must be in the future"}]}}",
      ]
    `);
  });

  it("when a text in another language is refused, then the error JSON is the English it always was", async () => {
    h = createApiHarness();
    const sequence = await h.post("/api/sequences", { body: { name: "Onboarding", enabled: true } });
    const steps = `/api/sequences/${sequence.json.id}/steps`;
    const text = await h.post(steps, { body: { text: "Hi", delay_minutes: 0 } });
    const poll = await h.post(steps, {
      body: { poll: { question: "Q?", options: ["A", "B"] }, delay_minutes: 0 },
    });
    const bodies = await answers([
      ["put", `/api/variants/step:${text.json.id}/ru`, { poll: { question: "В?", options: ["А", "Б"] } }],
      ["put", `/api/variants/step:${poll.json.id}/ru`, { text: "Привет" }],
      [
        "put",
        `/api/variants/step:${poll.json.id}/ru`,
        { poll: { question: "В?", options: ["А", "Б", "В"] } },
      ],
    ]);
    expect(bodies).toMatchInlineSnapshot(`
      [
        "400 {"error":{"code":"invalid_text","message":"body.content: This step is no poll: a poll stands in only for a poll step (its answers are recorded against the step's poll)","details":[{"path":"body.content","message":"This step is no poll: a poll stands in only for a poll step (its answers are recorded against the step's poll)"}]}}",
        "400 {"error":{"code":"invalid_text","message":"body.content: This step is a poll: its text in another language is a poll too (the same poll translated)","details":[{"path":"body.content","message":"This step is a poll: its text in another language is a poll too (the same poll translated)"}]}}",
        "400 {"error":{"code":"invalid_text","message":"body.content: This step's poll in another language takes the same answers: 2 options, one to choose","details":[{"path":"body.content","message":"This step's poll in another language takes the same answers: 2 options, one to choose"}]}}",
      ]
    `);
  });
});
