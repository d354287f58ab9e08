import { afterEach, describe, expect, it } from "vitest";
import type { MailingEngine } from "../../src/features/mailing/mailing-engine.js";
import { type ApiHarness, createApiHarness } from "../support/http-harness.js";
import { createTestEngine, seedBotUsers, textMailing, waitForStatus } from "../support/mailing-helpers.js";

let h: ApiHarness;
let engine: MailingEngine | undefined;
afterEach(async () => {
  await engine?.stop();
  engine = undefined;
  h?.close();
});

const poll = { question: "Favourite colour?", options: ["Red", "Blue", "Green"] };

describe("POST /api/mailings with a poll", () => {
  it("when the poll is not one Telegram would send, then it answers 400 naming the field and stores nothing", async () => {
    h = createApiHarness();
    const cases: Array<[unknown, string, string]> = [
      [{ poll: { ...poll, options: ["Only"] } }, "invalid_request", "body.poll.options"],
      [{ poll: { ...poll, question: "" } }, "invalid_request", "body.poll.question"],
      [{ poll: { ...poll, options: ["a", "x".repeat(101)] } }, "invalid_request", "body.poll.options.1"],
      [{ poll: { ...poll, correct_options: [4] } }, "invalid_poll", "body.poll"],
      [{ poll: { ...poll, correct_options: [1, 2] } }, "invalid_poll", "body.poll"],
      [{ poll: { ...poll, options: ["a", " "] } }, "invalid_poll", "body.poll"],
      [{ poll: { ...poll, attribute: "Favourite Colour" } }, "invalid_poll", "body.poll"],
      [{ poll, text: "Hi" }, "invalid_request", "body.poll"],
      [{ poll: { ...poll, anonymous: true } }, "invalid_request", "body.poll"],
    ];
    for (const [body, code, path] of cases) {
      const answer = await h.post("/api/mailings", { body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.json.error.code, JSON.stringify(body)).toBe(code);
      expect(
        answer.json.error.details.map((d: { path: string }) => d.path),
        JSON.stringify(body),
      ).toContain(path);
    }
    expect(h.services.mailings.list(10)).toEqual([]);
    expect(h.services.audit.count()).toBe(0);
  });

  it("when a quiz goes out and recipients answer, then the results route counts each option with its share", async () => {
    h = createApiHarness();
    const [ann, bob, cid] = seedBotUsers(h, [{ first_name: "Ann" }, { first_name: "Bob" }, {}]);
    const created = await h.post("/api/mailings", {
      body: {
        poll: {
          question: "2 + 2?",
          options: ["3", "4", "5"],
          correct_options: [2],
          explanation: "Count again",
          attribute: "quiz_answer",
        },
        audience: { segment: "has:name" },
      },
    });
    expect(created.status).toBe(201);
    expect(created.json.content).toEqual({
      type: "poll",
      question: "2 + 2?",
      options: ["3", "4", "5"],
      allows_multiple_answers: false,
      correct_options: [2],
      explanation: "Count again",
      attribute: "quiz_answer",
    });
    const id = created.json.id as number;
    const before = await h.get(`/api/mailings/${id}/poll`);
    expect(before.json).toMatchObject({ mailing_id: id, quiz: true, sent: 0, voters: 0 });

    const started = createTestEngine(h);
    engine = started.engine;
    engine.start();
    await waitForStatus(started.repository, id);
    const sent = h.fake.callsOf("sendPoll").filter((c) => c.ok);
    expect(sent.map((c) => Number(c.params.chat_id)).sort()).toEqual(
      [ann, bob, cid].map((u) => u?.id).sort(),
    );
    expect(sent[0]?.params).toMatchObject({ type: "quiz", correct_option_ids: [1], is_anonymous: false });
    const pollOf = (userId: number) => h.fake.messagesTo(userId).find((m) => m.kind === "poll")?.message.poll;
    for (const [user, option] of [
      [ann, 1],
      [bob, 1],
      [cid, 0],
    ] as const) {
      if (!user) throw new Error("seeded");
      await h.send(h.fake.updates.pollAnswer(user, pollOf(user.id)?.id ?? "", [option]));
    }

    const results = await h.get(`/api/mailings/${id}/poll`);
    expect(results.status).toBe(200);
    expect(results.json).toEqual({
      mailing_id: id,
      question: "2 + 2?",
      quiz: true,
      sent: 3,
      voters: 3,
      options: [
        { option: 1, text: "3", votes: 1, percent: 33.3, correct: false },
        { option: 2, text: "4", votes: 2, percent: 66.7, correct: true },
        { option: 3, text: "5", votes: 0, percent: 0, correct: false },
      ],
    });
    expect(h.services.users.attributesOf(ann?.id ?? 0)).toMatchObject([{ key: "quiz_answer", value: "4" }]);
    const voters = await h.get(`/api/users?q=${encodeURIComponent(`poll:${id}=2`)}`);
    expect(voters.json.users.map((u: { id: number }) => u.id).sort()).toEqual([ann?.id, bob?.id].sort());
  });

  it("when the mailing is unknown or no poll, then the results route answers 404 or 409", async () => {
    h = createApiHarness();
    const text = h.services.mailings.create(textMailing("Hi"), h.clock.now());
    expect((await h.get("/api/mailings/999/poll")).status).toBe(404);
    const notPoll = await h.get(`/api/mailings/${text.id}/poll`);
    expect(notPoll.status).toBe(409);
    expect(notPoll.json.error.code).toBe("not_a_poll");
    expect((await h.get(`/api/mailings/${text.id}/poll`, { token: null })).status).toBe(401);
  });
});
