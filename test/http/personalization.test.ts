import { afterEach, describe, expect, it } from "vitest";
import type { MailingEngine } from "../../src/features/mailing/mailing-engine.js";
import { type ApiHarness, createApiHarness } from "../support/http-harness.js";
import { createTestEngine, seedBotUsers, waitForStatus } from "../support/mailing-helpers.js";

let h: ApiHarness;
let engine: MailingEngine | undefined;
afterEach(async () => {
  await engine?.stop();
  engine = undefined;
  h?.close();
});

/** Ann (pro, German) and Bob (no plan); the owner is no bot user here. */
function seedCustomers() {
  const [ann, bob] = seedBotUsers(h, [{ first_name: "Ann", language_code: "de" }, { first_name: "Bob" }]);
  if (!ann || !bob) throw new Error("not seeded");
  h.services.users.setAttribute(ann.id, "plan", "pro", h.clock.now());
  return { ann, bob };
}

describe("POST /api/mailings: fields and variants", () => {
  it("when a text or a variant uses an unknown field, then 400 names the field and the body path, and nothing is stored", async () => {
    h = createApiHarness();
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ text: "Hi {frist_name}" }, "body.text", "{frist_name}"],
      [
        { text: "Hi", variants: [{ segment: "tag:vip", text: "VIP {tier}" }] },
        "body.variants.0.text",
        "{tier}",
      ],
    ];
    for (const [body, path, named] of cases) {
      const answer = await h.post("/api/mailings", { body });
      expect(answer.status, path).toBe(400);
      expect(answer.json.error.code).toBe("unknown_template_field");
      expect(answer.json.error.details).toEqual([{ path, message: expect.stringContaining(named) }]);
    }
    expect(h.services.mailings.list(10)).toEqual([]);
  });

  it("when a variant's segment does not parse or selects everyone, then 400 names it and nothing is stored", async () => {
    h = createApiHarness();
    const bad = await h.post("/api/mailings", {
      body: { text: "Hi", variants: [{ segment: "lang:", text: "x" }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe("invalid_segment");
    expect(bad.json.error.details[0].path).toBe("body.variants.0.segment");
    const both = await h.post("/api/mailings", {
      body: {
        text: "Hi",
        variants: [{ segment: "tag:x", text: "x", copy: { from_chat_id: 1, message_id: 2 } }],
      },
    });
    expect(both.status).toBe(400);
    expect(h.services.mailings.list(10)).toEqual([]);
  });

  it("when a mailing carries variants, then it answers them in order and each recipient gets the first that selects them", async () => {
    h = createApiHarness();
    const { ann, bob } = seedCustomers();
    const answer = await h.post("/api/mailings", {
      body: {
        text: "Hello {first_name}, plan {attr.plan|free}",
        variants: [
          { segment: "attr.plan=pro", text: "<b>Pro</b> {first_name}", parse_mode: "HTML" },
          { segment: "lang:de", text: "Hallo {first_name}" },
        ],
      },
    });
    expect(answer.status).toBe(201);
    expect(answer.json.variants).toEqual([
      {
        position: 0,
        segment: "plan=pro",
        time_zone: "UTC",
        content: {
          type: "text",
          text: "<b>Pro</b> {first_name}",
          parse_mode: "HTML",
          disable_link_preview: false,
        },
      },
      {
        position: 1,
        segment: "lang:de",
        time_zone: "UTC",
        content: { type: "text", text: "Hallo {first_name}", parse_mode: null, disable_link_preview: false },
      },
    ]);
    expect(h.services.audit.recent(1)[0]?.after).toMatchObject({ id: answer.json.id, variants: 2 });
    const got = await h.get(`/api/mailings/${answer.json.id}`);
    expect(got.json.variants).toHaveLength(2);

    engine = createTestEngine(h).engine;
    engine.start();
    await waitForStatus(h.services.mailings, answer.json.id);
    expect(h.fake.messagesTo(ann.id).map((m) => [m.text, m.params?.parse_mode])).toEqual([
      ["Pro Ann", "HTML"],
    ]);
    expect(h.fake.textsTo(bob.id)).toEqual(["Hello Bob, plan free"]);
  });
});

describe("GET /api/mailings/{id}/preview", () => {
  it("when previewed as a user, then it answers their variant and the text exactly as they would get it, sending nothing", async () => {
    h = createApiHarness();
    const { ann, bob } = seedCustomers();
    const created = await h.post("/api/mailings", {
      body: {
        text: "Hello {first_name}, plan {attr.plan|free}",
        parse_mode: "MarkdownV2",
        schedule_at: "2030-01-01T00:00:00Z",
        variants: [{ segment: "lang:de", text: "Hallo {first_name}" }],
      },
    });
    const id = created.json.id;
    const asAnn = await h.get(`/api/mailings/${id}/preview?as_user=${ann.id}`);
    expect(asAnn.status).toBe(200);
    expect(asAnn.json).toEqual({
      mailing_id: id,
      user_id: ann.id,
      variant: 0,
      type: "text",
      text: "Hallo Ann",
      parse_mode: null,
      entities: [],
    });
    const asBob = await h.get(`/api/mailings/${id}/preview?as_user=${bob.id}`);
    expect(asBob.json).toMatchObject({
      variant: null,
      text: "Hello Bob, plan free",
      parse_mode: "MarkdownV2",
    });
    expect(h.fake.callsOf("sendMessage")).toEqual([]);
  });

  it("when the user or the mailing is unknown, the mailing is a check, or as_user is missing, then it says so", async () => {
    h = createApiHarness();
    const { ann } = seedCustomers();
    const created = await h.post("/api/mailings", {
      body: { text: "Hi", schedule_at: "2030-01-01T00:00:00Z" },
    });
    const check = await h.post("/api/check-users", { body: { schedule_at: "2030-01-01T00:00:00Z" } });
    expect((await h.get(`/api/mailings/${created.json.id}/preview?as_user=999`)).status).toBe(404);
    expect((await h.get(`/api/mailings/9999/preview?as_user=${ann.id}`)).status).toBe(404);
    const probe = await h.get(`/api/mailings/${check.json.id}/preview?as_user=${ann.id}`);
    expect(probe.status).toBe(422);
    expect(probe.json.error.code).toBe("no_message");
    const missing = await h.get(`/api/mailings/${created.json.id}/preview`);
    expect(missing.status).toBe(400);
    expect(missing.json.error.details[0].path).toBe("query.as_user");
  });
});

describe("saving texts with fields through the API", () => {
  it("when a gate text or the welcome uses an unknown field, then PATCH /api/settings answers 400 naming it and changes nothing", async () => {
    h = createApiHarness();
    const before = h.services.settings.all();
    for (const [body, path] of [
      [{ maintenance: { text: "Back soon {nme}" } }, "body.maintenance.text"],
      [{ captcha: { intro_text: "{hi} there" } }, "body.captcha.intro_text"],
      [{ welcome: { content: { type: "text", text: "Hi {firstname}" } } }, "body.welcome.content.text"],
      [{ user_referrals: { link_text: "{link} {links}" } }, "body.user_referrals.link_text"],
    ] as const) {
      const answer = await h.patch("/api/settings", { body });
      expect(answer.status, path).toBe(400);
      expect(answer.json.error.code).toBe("unknown_template_field");
      expect(answer.json.error.details[0].path).toBe(path);
    }
    expect(h.services.settings.all()).toEqual(before);
    const ok = await h.patch("/api/settings", {
      body: { maintenance: { text: "Back soon, {first_name|friend} ({attr.anything})" } },
    });
    expect(ok.status).toBe(200);
  });

  it("when a deeplink's text uses an unknown field, then POST /api/deeplinks answers 400 and stores nothing", async () => {
    h = createApiHarness();
    const answer = await h.post("/api/deeplinks", { body: { text: "Promo for {first_name}: {promo_code}" } });
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatchObject({
      code: "unknown_template_field",
      details: [{ path: "body.text" }],
    });
    expect(h.services.deeplinks.count()).toBe(0);
  });
});
