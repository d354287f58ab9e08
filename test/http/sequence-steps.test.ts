import { afterEach, describe, expect, it } from "vitest";
import { addQuestion, createForm } from "../../src/features/forms/form-commands.js";
import type { SimUser } from "../support/fake-telegram/index.js";
import { type ApiHarness, createApiHarness } from "../support/http-harness.js";
import { seedBotUsers } from "../support/mailing-helpers.js";
import { admin, createTestSender } from "../support/sequence-helpers.js";

let h: ApiHarness;
afterEach(() => h?.close?.());

async function createdSequence() {
  const answer = await h.post("/api/sequences", { body: { name: "Onboarding", enabled: true } });
  expect(answer.status, JSON.stringify(answer.json)).toBe(201);
  return answer.json as { id: number };
}

async function addedStep(sequenceId: number, body: Record<string, unknown>) {
  const answer = await h.post(`/api/sequences/${sequenceId}/steps`, { body });
  expect(answer.status, JSON.stringify(answer.json)).toBe(201);
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON came back
  return answer.json as { id: number } & Record<string, any>;
}

function signUpForm() {
  const form = createForm(h.services, admin, { name: "Sign-up" });
  addQuestion(h.services, admin, {
    formId: form.id,
    question: { kind: "text", targetKind: "attribute", target: "city", prompt: "Which city?" },
  });
  return form;
}

describe("/api/sequences/{id}/steps: polls and form buttons", () => {
  it("when a poll step and a step with a form button are added, then they read back as sent and the subscriber gets both", async () => {
    h = createApiHarness();
    const [ann] = seedBotUsers(h, [{ first_name: "Ann" }]) as [SimUser];
    const form = signUpForm();
    const sequence = await createdSequence();
    const poll = await addedStep(sequence.id, {
      poll: { question: "2 + 2?", options: ["3", "4"], correct_options: [2], attribute: "maths" },
      delay_minutes: 0,
    });
    expect(poll).toMatchObject({
      content: {
        type: "poll",
        question: "2 + 2?",
        options: ["3", "4"],
        allows_multiple_answers: false,
        correct_options: [2],
        attribute: "maths",
      },
      form_button: null,
    });
    const withForm = await addedStep(sequence.id, {
      text: "Join us",
      form_button: { form_id: form.id, text: "Sign up" },
      delay_minutes: 0,
    });
    expect(withForm.form_button).toEqual({ form_id: form.id, text: "Sign up" });

    const subscribed = await h.put(`/api/users/${ann.id}/sequences/${sequence.id}`);
    expect(subscribed.status).toBe(200);
    const sender = createTestSender(h);
    await sender.pass();
    await sender.pass();
    const sent = h.fake.messagesTo(ann.id);
    expect(sent.map((m) => m.kind)).toEqual(["poll", "text"]);
    expect(sent[0]?.message.poll).toMatchObject({ type: "quiz", is_anonymous: false });
    expect(h.fake.inlineButtons(sent[1])).toEqual([
      { text: "Sign up", url: `https://t.me/${h.fake.botInfo.username}?start=${form.code}` },
    ]);

    const results = await h.get(`/api/sequences/${sequence.id}/steps/${poll.id}/poll`);
    expect(results.json).toMatchObject({
      voters: 0,
      quiz: true,
      options: [{ correct: false }, { correct: true }],
    });
    const notPoll = await h.get(`/api/sequences/${sequence.id}/steps/${withForm.id}/poll`);
    expect(notPoll.status).toBe(409);
    expect(notPoll.json).toMatchObject({ error: { code: "not_a_poll" } });
  });

  it("when a form button names no form, sits on an album, or a poll is broken, then it is refused with a typed error and nothing is stored", async () => {
    h = createApiHarness();
    const sequence = await createdSequence();
    const unknownForm = await h.post(`/api/sequences/${sequence.id}/steps`, {
      body: { text: "Join", form_button: { form_id: 999, text: "Sign up" }, delay_minutes: 0 },
    });
    expect(unknownForm.status).toBe(400);
    expect(unknownForm.json).toMatchObject({
      error: { code: "unknown_form", details: [{ path: "body.form_button" }] },
    });
    const form = signUpForm();
    const onAlbum = await h.post(`/api/sequences/${sequence.id}/steps`, {
      body: {
        album: { from_chat_id: -100, message_ids: [1, 2] },
        form_button: { form_id: form.id, text: "Sign up" },
        delay_minutes: 0,
      },
    });
    expect(onAlbum.json).toMatchObject({ error: { code: "buttons_with_album" } });
    const badQuiz = await h.post(`/api/sequences/${sequence.id}/steps`, {
      body: { poll: { question: "Q?", options: ["a", "b"], correct_options: [3] }, delay_minutes: 0 },
    });
    expect(badQuiz.status).toBe(400);
    expect(badQuiz.json).toMatchObject({ error: { code: "invalid_poll" } });
    const twoContents = await h.post(`/api/sequences/${sequence.id}/steps`, {
      body: { text: "x", poll: { question: "Q?", options: ["a", "b"] }, delay_minutes: 0 },
    });
    expect(twoContents.status).toBe(400);
    expect(h.services.sequences.steps(sequence.id)).toHaveLength(0);
  });

  it("when a step is replaced with a form button and then without, then the button comes and goes, audited", async () => {
    h = createApiHarness();
    const form = signUpForm();
    const sequence = await createdSequence();
    const step = await addedStep(sequence.id, { text: "Join", delay_minutes: 0 });
    const path = `/api/sequences/${sequence.id}/steps/${step.id}`;
    const put = await h.put(path, {
      body: { text: "Join", form_button: { form_id: form.id, text: "Go" }, delay_minutes: 0 },
    });
    expect(put.json.form_button).toEqual({ form_id: form.id, text: "Go" });
    expect(h.services.sequences.steps(sequence.id)[0]?.formButton).toEqual({ formId: form.id, text: "Go" });
    const cleared = await h.put(path, { body: { text: "Join", delay_minutes: 0 } });
    expect(cleared.json.form_button).toBeNull();
    const edits = h.services.audit.recent().filter((e) => e.action === "sequences.edit_step");
    expect(edits).toHaveLength(2);
  });
});

describe("PUT /api/sequences/{id}/steps/{step_id}/position", () => {
  it("when a step is moved, then the steps come back in the new order, the move is audited, and a position out of range is refused", async () => {
    h = createApiHarness();
    const sequence = await createdSequence();
    const ids: number[] = [];
    for (const text of ["A", "B", "C"])
      ids.push((await addedStep(sequence.id, { text, delay_minutes: 0 })).id);
    const moved = await h.put(`/api/sequences/${sequence.id}/steps/${ids[2]}/position`, {
      body: { position: 0 },
    });
    expect(moved.status).toBe(200);
    expect(moved.json.steps.map((s: { content: { text: string } }) => s.content.text)).toEqual([
      "C",
      "A",
      "B",
    ]);
    expect(h.services.sequences.steps(sequence.id).map((s) => s.id)).toEqual([ids[2], ids[0], ids[1]]);
    expect(h.services.audit.recent()[0]).toMatchObject({
      action: "sequences.move_step",
      actorLabel: "api",
      before: { stepId: ids[2], position: 2 },
      after: { stepId: ids[2], position: 0 },
    });

    const tooFar = await h.put(`/api/sequences/${sequence.id}/steps/${ids[0]}/position`, {
      body: { position: 3 },
    });
    expect(tooFar.status).toBe(400);
    expect(tooFar.json).toMatchObject({ error: { code: "invalid_position" } });
    const missing = await h.put(`/api/sequences/${sequence.id}/steps/999/position`, {
      body: { position: 0 },
    });
    expect(missing.status).toBe(404);
  });
});
