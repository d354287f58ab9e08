import { afterEach, describe, expect, it } from "vitest";
import { type ApiHarness, createApiHarness } from "../support/http-harness.js";

let h: ApiHarness;
afterEach(() => h?.close?.());

/** A form with a city and a plan question, made over the API; its JSON. */
async function survey() {
  const made = await h.post("/api/forms", {
    body: { name: "Survey", completion_tag: "Surveyed", done_text: "Thanks, {first_name}!" },
  });
  expect(made.status, JSON.stringify(made.json)).toBe(201);
  const id = made.json.id;
  const city = await h.post(`/api/forms/${id}/questions`, {
    body: {
      kind: "text",
      target_kind: "attribute",
      target: "city",
      prompt: "Your city, {first_name}?",
      required: true,
    },
  });
  expect(city.status, JSON.stringify(city.json)).toBe(201);
  const plan = await h.post(`/api/forms/${id}/questions`, {
    body: {
      kind: "choice",
      target_kind: "attribute",
      target: "plan",
      prompt: "Plan?",
      choices: ["Basic", "Pro"],
    },
  });
  expect(plan.status).toBe(201);
  return { id, code: made.json.code as string, city: city.json.id as number, plan: plan.json.id as number };
}

describe("/api/forms", () => {
  it("when a form is created with questions, then it is listed with its link next to the /profile form, and audited", async () => {
    h = createApiHarness();
    const { id, code, city, plan } = await survey();
    const answer = await h.get(`/api/forms/${id}`);
    expect(answer.json).toMatchObject({
      id,
      name: "Survey",
      link: `https://t.me/usher_test_bot?start=${code}`,
      built_in: null,
      completion_tag: "surveyed",
      done_text: "Thanks, {first_name}!",
      expiry_minutes: 60,
      questions: [
        {
          id: city,
          position: 1,
          kind: "text",
          target_kind: "attribute",
          target: "city",
          required: true,
          choices: [],
        },
        { id: plan, position: 2, kind: "choice", target: "plan", required: false, choices: ["Basic", "Pro"] },
      ],
    });
    const list = await h.get("/api/forms");
    expect(
      list.json.forms.map((f: { name: string; built_in: string | null }) => [f.name, f.built_in]),
    ).toEqual([
      ["Survey", null],
      ["Profile", "profile"],
    ]);
    expect(h.services.audit.recent(10).map((e) => [e.action, e.actorLabel])).toEqual([
      ["forms.question_add", "api"],
      ["forms.question_add", "api"],
      ["forms.create", "api"],
    ]);
  });

  it("when input is wrong, then it is refused naming the field and nothing is stored", async () => {
    h = createApiHarness();
    const { id } = await survey();
    const cases: Array<[string, Record<string, unknown>, string, string]> = [
      [
        "/questions",
        { kind: "phone", target_kind: "field", target: "email", prompt: "?" },
        "kind_target_mismatch",
        "kind",
      ],
      [
        "/questions",
        { kind: "text", target_kind: "field", target: "shoe_size", prompt: "?" },
        "invalid_target",
        "target",
      ],
      [
        "/questions",
        { kind: "text", target_kind: "attribute", target: "Bad Key", prompt: "?" },
        "invalid_target",
        "target",
      ],
      [
        "/questions",
        { kind: "choice", target_kind: "attribute", target: "x", prompt: "?", choices: ["A", "a"] },
        "invalid_choices",
        "choices",
      ],
      [
        "/questions",
        { kind: "text", target_kind: "attribute", target: "x", prompt: "?", choices: ["A"] },
        "invalid_choices",
        "choices",
      ],
      [
        "/questions",
        { kind: "text", target_kind: "attribute", target: "x", prompt: "Hi {nickname}?" },
        "unknown_template_field",
        "prompt",
      ],
      [
        "/questions",
        { kind: "text", target_kind: "attribute", target: "x", prompt: "?", reask: "{attr.x|a} or {nope}" },
        "unknown_template_field",
        "reask",
      ],
    ];
    for (const [path, body, code, field] of cases) {
      const answer = await h.post(`/api/forms/${id}${path}`, { body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.json.error.code).toBe(code);
      expect(answer.json.error.details[0].path).toBe(`body.${field}`);
    }
    const tag = await h.patch(`/api/forms/${id}`, { body: { completion_tag: "no spaces" } });
    expect(tag.json.error).toMatchObject({
      code: "invalid_tags",
      details: [{ path: "body.completion_tag" }],
    });
    const done = await h.patch(`/api/forms/${id}`, { body: { done_text: "Bye {nickname}" } });
    expect(done.json.error).toMatchObject({
      code: "unknown_template_field",
      details: [{ path: "body.done_text" }],
    });
    expect(done.json.error.message).toContain("nickname");
    expect(h.services.forms.questions(id)).toHaveLength(2);
    expect(h.services.forms.find(id)?.completionTag).toBe("surveyed");
    expect((await h.get("/api/forms/999")).status).toBe(404);
    expect((await h.get("/api/forms", { token: null })).status).toBe(401);
  });

  it("when the questions are put in a new order, then they are asked in it; an order missing one is refused", async () => {
    h = createApiHarness({ settings: { newUserAlerts: { enabled: false } } });
    const { id, city, plan } = await survey();
    const bad = await h.put(`/api/forms/${id}/questions/order`, { body: { question_ids: [plan] } });
    expect(bad.json.error).toMatchObject({ code: "invalid_order", details: [{ path: "body.question_ids" }] });
    const good = await h.put(`/api/forms/${id}/questions/order`, { body: { question_ids: [plan, city] } });
    expect(good.json.questions.map((q: { id: number }) => q.id)).toEqual([plan, city]);

    const ann = h.addUser({ first_name: "Ann" });
    await h.start(ann);
    const started = await h.post(`/api/forms/${id}/start`, { body: { user_id: ann.id } });
    expect(started.json).toEqual({ user_id: ann.id, delivered: true, telegram_error: null });
    expect(h.fake.lastMessageTo(ann.id)?.text).toBe("Plan?\n(optional: /skip to leave it out)");
  });

  it("when a form is started over the API for a Russian user and its question has a Russian variant, then the bot asks in Russian", async () => {
    h = createApiHarness({ settings: { newUserAlerts: { enabled: false } } });
    const { id, city } = await survey();
    const put = await h.put(`/api/variants/question:${city}/ru`, {
      body: { text: "Ваш город, {first_name}?" },
    });
    expect(put.status, JSON.stringify(put.json)).toBe(200);
    const ivan = h.addUser({ first_name: "Иван", language_code: "ru" });
    const ann = h.addUser({ first_name: "Ann", language_code: "de" });
    for (const user of [ivan, ann]) {
      await h.start(user);
      await h.post(`/api/forms/${id}/start`, { body: { user_id: user.id } });
    }
    expect(h.fake.textsTo(ivan.id).at(-1)).toMatch(/^Ваш город, Иван\?/);
    expect(h.fake.textsTo(ann.id).at(-1)).toMatch(/^Your city, Ann\?/);
  });

  it("when a form is started for a user over the API, then the bot asks, and results count and export the answers", async () => {
    h = createApiHarness({ settings: { newUserAlerts: { enabled: false } } });
    const { id } = await survey();
    const ann = h.addUser({ first_name: "Ann" });
    const bob = h.addUser({ first_name: "Bob" });
    for (const user of [ann, bob]) {
      await h.start(user);
      expect((await h.post(`/api/forms/${id}/start`, { body: { user_id: user.id } })).status).toBe(200);
    }
    expect(h.fake.textsTo(ann.id).at(-1)).toMatch(/^Your city, Ann\?/);
    await h.say(ann, "Ipoh");
    await h.say(ann, "Pro");
    expect(h.fake.lastMessageTo(ann.id)?.text).toBe("Thanks, Ann!");
    await h.say(bob, "Penang");
    await h.say(bob, "/cancel");

    const results = await h.get(`/api/forms/${id}/results`);
    expect(results.json).toEqual({ form_id: id, answered: 2, completed: 1, runs: 2 });
    const csv = await h.get(`/api/forms/${id}/results.csv`);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const [header, ...rows] = csv.text.trim().split("\n");
    expect(header).toBe("run_id,user_id,status,started_at,completed_at,city,plan");
    expect(rows.map((r) => r.split(",").slice(1, 3).concat(r.split(",").slice(5)))).toEqual([
      [String(ann.id), "completed", "Ipoh", "Pro"],
      [String(bob.id), "cancelled", "Penang", ""],
    ]);
    expect(h.services.users.tagsOf(ann.id)).toEqual(["surveyed"]);
  });

  it("when a form cannot be started or deleted, then the API says why", async () => {
    h = createApiHarness();
    const empty = await h.post("/api/forms", { body: { name: "Empty" } });
    const ann = h.addUser();
    const pending = await h.post(`/api/forms/${empty.json.id}/start`, { body: { user_id: ann.id } });
    expect(pending.status).toBe(422);
    expect(pending.json.error.code).toBe("no_questions");
    const { id } = await survey();
    const notUser = await h.post(`/api/forms/${id}/start`, { body: { user_id: ann.id } });
    expect(notUser.json.error.code).toBe("user_not_active");
    await h.start(h.owner);
    const admin = await h.post(`/api/forms/${id}/start`, { body: { user_id: h.owner.id } });
    expect(admin.status).toBe(422);
    expect(admin.json.error.code).toBe("admin_user");
    expect(h.services.forms.openRun(h.owner.id)).toBeUndefined();
    expect(h.services.forms.openRun(ann.id)).toBeUndefined();

    const list = await h.get("/api/forms");
    const profile = list.json.forms.find((f: { built_in: string | null }) => f.built_in === "profile");
    const refused = await h.delete(`/api/forms/${profile.id}`);
    expect(refused.status).toBe(422);
    expect(refused.json.error.code).toBe("built_in_form");
    expect((await h.delete(`/api/forms/${id}`)).status).toBe(204);
    expect(h.services.forms.find(id)).toBeUndefined();
  });

  it("when a question is removed, then the form no longer asks it", async () => {
    h = createApiHarness();
    const { id, city, plan } = await survey();
    expect((await h.delete(`/api/forms/${id}/questions/${city}`)).status).toBe(204);
    expect((await h.delete(`/api/forms/${id}/questions/${city}`)).status).toBe(404);
    expect(h.services.forms.questions(id).map((q) => q.id)).toEqual([plan]);
  });
});
