import { afterEach, describe, expect, it } from "vitest";
import { type ApiHarness, createApiHarness } from "../support/http-harness.js";

let h: ApiHarness;
afterEach(() => h?.close?.());

const link = (code: string) => `https://t.me/usher_test_bot?start=a${code}`;
const campaignsOn = { settings: { adminReferrals: { enabled: true } } };

/** A campaign made over the API; its JSON. */
async function created(name: string, code?: string) {
  const answer = await h.post("/api/campaigns", { body: { name, ...(code !== undefined && { code }) } });
  expect(answer.status).toBe(201);
  return answer.json;
}

describe("POST /api/campaigns", () => {
  it("when a name and a code are sent, then the campaign is stored, audited as api and its link counts newcomers", async () => {
    h = createApiHarness(campaignsOn);
    const answer = await h.post("/api/campaigns", { body: { name: "  Spring \n ads ", code: "spring-26" } });
    expect(answer.status).toBe(201);
    expect(answer.json).toEqual({
      id: expect.any(Number),
      name: "Spring ads",
      code: "spring-26",
      link: link("spring-26"),
      users: 0,
      active: 0,
      created_at: h.clock.now().toISOString(),
    });
    const stored = h.services.campaigns.find(answer.json.id);
    expect(stored).toMatchObject({ name: "Spring ads", code: "spring-26", createdBy: null });
    expect(h.services.audit.recent()).toEqual([
      expect.objectContaining({
        actorId: null,
        actorLabel: "api",
        action: "campaigns.create",
        after: { id: answer.json.id, name: "Spring ads", code: "spring-26" },
      }),
    ]);

    const ann = h.addUser();
    await h.start(ann, "aspring-26");
    expect(h.record(ann)).toMatchObject({ status: "active", campaignId: answer.json.id });
    expect((await h.get(`/api/campaigns/${answer.json.id}`)).json).toMatchObject({ users: 1, active: 1 });
  });

  it("when no code is sent, then a random one is made, as the menu makes them", async () => {
    h = createApiHarness();
    const campaign = await created("Newsletter");
    expect(campaign.code).toMatch(/^[A-Za-z0-9]{8}$/);
    expect(campaign.link).toBe(link(campaign.code));
    expect(h.services.campaigns.findByCode(campaign.code)?.name).toBe("Newsletter");
  });

  it("when the name or code is invalid or a field unknown, then 400 names the field and nothing is stored", async () => {
    h = createApiHarness();
    const cases: Array<[unknown, string]> = [
      [{ name: "   " }, "body.name"],
      [{ name: "x".repeat(65) }, "body.name"],
      [{}, "body.name"],
      [{ name: "Ads", code: "no spaces" }, "body.code"],
      [{ name: "Ads", code: "x".repeat(64) }, "body.code"],
      [{ name: "Ads", code: "" }, "body.code"],
      [{ name: "Ads", colour: "red" }, "body"],
    ];
    for (const [body, path] of cases) {
      const answer = await h.post("/api/campaigns", { body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.json.error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    expect(h.services.campaigns.count()).toBe(0);
    expect(h.services.audit.count()).toBe(0);
  });

  it("when the code is taken, then 409 and the first campaign is untouched", async () => {
    h = createApiHarness();
    await created("First", "promo");
    const answer = await h.post("/api/campaigns", { body: { name: "Second", code: "promo" } });
    expect(answer.status).toBe(409);
    expect(answer.json.error.code).toBe("code_taken");
    expect(h.services.campaigns.count()).toBe(1);
    expect(h.services.campaigns.findByCode("promo")?.name).toBe("First");
  });

  it("when the token is missing or wrong, then 401 and nothing is created", async () => {
    h = createApiHarness();
    for (const token of [null, "wrong-token-of-some-length"]) {
      const answer = await h.post("/api/campaigns", { token, body: { name: "Ads" } });
      expect(answer.status).toBe(401);
    }
    expect(h.services.campaigns.count()).toBe(0);
  });

  it("when Telegram cannot say who the bot is, then 503, nothing is created, and the next request asks again", async () => {
    h = createApiHarness();
    h.fake.failNext("getMe", { error_code: 401, description: "Unauthorized" });
    const failed = await h.post("/api/campaigns", { body: { name: "Ads" } });
    expect(failed.status).toBe(503);
    expect(failed.json.error.code).toBe("telegram_unavailable");
    expect(h.services.campaigns.count()).toBe(0);
    await created("Ads");
    expect(h.fake.callsOf("getMe")).toHaveLength(2);
  });
});

describe("GET /api/campaigns", () => {
  it("when there are campaigns with users, then they come newest first with users and active counts, paged", async () => {
    h = createApiHarness(campaignsOn);
    const spring = await created("Spring", "spring");
    const summer = await created("Summer", "summer");
    const [ann, bob, cid] = [h.addUser(), h.addUser({ first_name: "Bob" }), h.addUser({ first_name: "Cid" })];
    await h.start(ann, "aspring");
    await h.start(bob, "aspring");
    await h.start(cid, "asummer");
    await h.send(h.fake.updates.myChatMember(bob, "kicked"));

    const all = await h.get("/api/campaigns");
    expect(all.status).toBe(200);
    expect(all.json.total).toBe(2);
    expect(all.json.campaigns.map((c: { code: string }) => c.code)).toEqual(["summer", "spring"]);
    expect(all.json.campaigns[1]).toMatchObject({ id: spring.id, users: 2, active: 1, link: link("spring") });
    expect(all.json.campaigns[0]).toMatchObject({ id: summer.id, users: 1, active: 1 });

    const second = await h.get("/api/campaigns?limit=1&offset=1");
    expect(second.json).toMatchObject({ total: 2, campaigns: [{ code: "spring" }] });
    expect((await h.get("/api/campaigns?limit=0")).json.error.details[0].path).toBe("query.limit");
    // One getMe for all of these requests.
    expect(h.fake.callsOf("getMe")).toHaveLength(1);
  });

  it("when one campaign is asked for by an unknown or malformed id, then 404 or 400", async () => {
    h = createApiHarness();
    expect((await h.get("/api/campaigns/99")).status).toBe(404);
    expect((await h.get("/api/campaigns/abc")).json.error.details[0].path).toBe("path.id");
    expect((await h.get("/api/campaigns", { token: null })).status).toBe(401);
  });
});

describe("PATCH /api/campaigns/{id}", () => {
  it("when a campaign is renamed, then the name changes, the link stays and the rename is audited", async () => {
    h = createApiHarness();
    const campaign = await created("Spring", "spring");
    const answer = await h.patch(`/api/campaigns/${campaign.id}`, { body: { name: " Spring  2026 " } });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ id: campaign.id, name: "Spring 2026", link: link("spring") });
    expect(h.services.campaigns.find(campaign.id)).toMatchObject({ name: "Spring 2026", code: "spring" });
    expect(h.services.audit.recent()[0]).toMatchObject({
      actorLabel: "api",
      action: "campaigns.rename",
      before: { id: campaign.id, name: "Spring", code: "spring" },
      after: { id: campaign.id, name: "Spring 2026", code: "spring" },
    });
  });

  it("when the id is unknown, the name invalid or the token missing, then nothing is renamed", async () => {
    h = createApiHarness();
    const campaign = await created("Spring");
    expect((await h.patch("/api/campaigns/999", { body: { name: "X" } })).status).toBe(404);
    const blank = await h.patch(`/api/campaigns/${campaign.id}`, { body: { name: " " } });
    expect(blank.status).toBe(400);
    expect(blank.json.error.details[0].path).toBe("body.name");
    const code = await h.patch(`/api/campaigns/${campaign.id}`, { body: { name: "X", code: "new" } });
    expect(code.status).toBe(400);
    const anonymous = await h.patch(`/api/campaigns/${campaign.id}`, { token: null, body: { name: "X" } });
    expect(anonymous.status).toBe(401);
    expect(h.services.campaigns.find(campaign.id)?.name).toBe("Spring");
    expect(h.services.audit.count()).toBe(1);
  });
});

describe("DELETE /api/campaigns/{id}", () => {
  it("when a campaign is deleted, then its users stay bot users without it and the deletion is audited", async () => {
    h = createApiHarness(campaignsOn);
    const campaign = await created("Spring", "spring");
    const ann = h.addUser();
    await h.start(ann, "aspring");

    const anonymous = await h.delete(`/api/campaigns/${campaign.id}`, { token: null });
    expect(anonymous.status).toBe(401);
    expect(h.services.campaigns.find(campaign.id)).toBeDefined();

    const answer = await h.delete(`/api/campaigns/${campaign.id}`);
    expect(answer.status).toBe(204);
    expect(answer.text).toBe("");
    expect(h.services.campaigns.find(campaign.id)).toBeUndefined();
    expect(h.record(ann)).toMatchObject({ status: "active", campaignId: null });
    expect(h.services.audit.recent()[0]).toMatchObject({
      actorLabel: "api",
      action: "campaigns.delete",
      before: { id: campaign.id, name: "Spring", code: "spring" },
    });
    expect((await h.delete(`/api/campaigns/${campaign.id}`)).status).toBe(404);

    const bob = h.addUser({ first_name: "Bob" });
    await h.start(bob, "aspring");
    expect(h.record(bob)).toMatchObject({ status: "active", campaignId: null });
  });
});
