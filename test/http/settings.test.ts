import { afterEach, describe, expect, it } from "vitest";
import { type ApiHarness, createApiHarness } from "../support/http-harness.js";

let h: ApiHarness;
afterEach(() => h?.close?.());

describe("GET /api/settings", () => {
  it("when called without a token, with a wrong one and with the right one, then only the right one reads", async () => {
    h = createApiHarness();
    const missing = await h.get("/api/settings", { token: null });
    expect(missing.status).toBe(401);
    expect(missing.json).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
    expect(missing.headers.get("www-authenticate")).toMatch(/^Bearer/);
    const wrong = await h.get("/api/settings", { token: "test-api-token-0123456780" });
    expect(wrong.status).toBe(401);
    expect(wrong.json.error.message).toMatch(/wrong/);
    const right = await h.get("/api/settings");
    expect(right.status).toBe(200);
    expect(right.json.captcha).toMatchObject({ enabled: false, attempts: 3 });
    expect(Object.keys(right.json)).toContain("mailing");
  });

  it("when API_TOKEN is not configured, then the API is off even for a plausible token", async () => {
    h = createApiHarness({ http: { apiToken: null } });
    const answer = await h.get("/api/settings", { token: "anything-at-all-1234" });
    expect(answer.status).toBe(404);
    expect(answer.json.error.code).toBe("api_off");
  });
});

describe("PATCH /api/settings", () => {
  it("when fields of two settings change, then both are stored, the rest kept, and each change audited as api", async () => {
    h = createApiHarness({ settings: { maintenance: { text: "Back soon" } } });
    const answer = await h.patch("/api/settings", {
      body: { captcha: { enabled: true, attempts: 5 }, maintenance: { enabled: true } },
    });
    expect(answer.status).toBe(200);
    expect(answer.json.captcha).toMatchObject({ enabled: true, attempts: 5, kind: "emoji" });
    expect(h.services.settings.get("maintenance")).toMatchObject({ enabled: true, text: "Back soon" });
    const audit = h.services.audit.recent(10);
    expect(audit.map((e) => e.action).sort()).toEqual(["settings.captcha", "settings.maintenance"]);
    expect(audit[0]).toMatchObject({ actorId: null, actorLabel: "api" });
  });

  it("when one field is invalid, then nothing changes and the error names the field", async () => {
    h = createApiHarness();
    const answer = await h.patch("/api/settings", {
      body: { captcha: { enabled: true }, mailing: { deadAfter: 9 } },
    });
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe("invalid_request");
    expect(answer.json.error.details).toEqual([expect.objectContaining({ path: "body.mailing.deadAfter" })]);
    expect(h.services.settings.get("captcha").enabled).toBe(false);
    expect(h.services.audit.count()).toBe(0);
  });

  it("when the body names an unknown setting or field, or a bad time zone, then it is refused", async () => {
    h = createApiHarness();
    expect((await h.patch("/api/settings", { body: { nope: {} } })).status).toBe(400);
    const field = await h.patch("/api/settings", { body: { captcha: { colour: "red" } } });
    expect(field.status).toBe(400);
    expect(field.json.error.message).toMatch(/colour/);
    const zone = await h.patch("/api/settings", { body: { mailing: { timezone: "Mars/Olympus" } } });
    expect(zone.status).toBe(400);
    expect(zone.json.error.details[0].path).toBe("body.mailing.timezone");
    expect(h.services.settings.get("mailing").timezone).toBe("UTC");
  });

  it("when paid broadcast is switched off with a speed above the free limit, then the speed is lowered to 30 as from the menu, and 31 without paid broadcast is refused", async () => {
    h = createApiHarness({ settings: { mailing: { paidBroadcast: true, ratePerSecond: 800 } } });
    const off = await h.patch("/api/settings", { body: { mailing: { paidBroadcast: false } } });
    expect(off.status).toBe(200);
    expect(h.services.settings.get("mailing")).toMatchObject({ paidBroadcast: false, ratePerSecond: 30 });
    expect(h.services.audit.recent(1)[0]?.after).toEqual({ paidBroadcast: false, ratePerSecond: 30 });

    const fast = await h.patch("/api/settings", { body: { mailing: { ratePerSecond: 31 } } });
    expect(fast.status).toBe(409);
    expect(fast.json.error.code).toBe("rate_above_free_limit");
    const both = await h.patch("/api/settings", {
      body: { mailing: { paidBroadcast: false, ratePerSecond: 500 } },
    });
    expect(both.status).toBe(409);
    expect(h.services.settings.get("mailing")).toMatchObject({ paidBroadcast: false, ratePerSecond: 30 });
  });

  it("when access only by referral link is switched on with no kind of referral link on, then it is refused with 409 and nothing changes", async () => {
    h = createApiHarness();
    const answer = await h.patch("/api/settings", {
      body: { refLinkOnly: { enabled: true }, captcha: { enabled: true } },
    });
    expect(answer.status).toBe(409);
    expect(answer.json.error.code).toBe("ref_link_only_without_links");
    expect(answer.json.error.message).toMatch(/every newcomer is turned away/);
    expect(answer.json.error.details.map((d: { path: string }) => d.path)).toEqual([
      "body.refLinkOnly.enabled",
      "body.userReferrals.enabled",
      "body.adminReferrals.enabled",
    ]);
    expect(h.services.settings.get("refLinkOnly").enabled).toBe(false);
    expect(h.services.settings.get("captcha").enabled).toBe(false);
    expect(h.services.audit.count()).toBe(0);

    const together = await h.patch("/api/settings", {
      body: { refLinkOnly: { enabled: true }, adminReferrals: { enabled: true } },
    });
    expect(together.status).toBe(200);
    expect(together.json.refLinkOnly.enabled).toBe(true);
    expect(together.json.adminReferrals.enabled).toBe(true);
  });

  it("when the last kind of referral link is switched off while access is only by referral link, then it is refused with 409", async () => {
    h = createApiHarness({ settings: { adminReferrals: { enabled: true }, refLinkOnly: { enabled: true } } });
    const answer = await h.patch("/api/settings", { body: { adminReferrals: { enabled: false } } });
    expect(answer.status).toBe(409);
    expect(answer.json.error.code).toBe("ref_link_only_without_links");
    expect(h.services.settings.get("adminReferrals").enabled).toBe(true);
    const both = await h.patch("/api/settings", {
      body: { adminReferrals: { enabled: false }, refLinkOnly: { enabled: false } },
    });
    expect(both.status).toBe(200);
    expect(h.services.settings.get("adminReferrals").enabled).toBe(false);
  });

  it("when stored settings already contradict each other, then changes that do not touch the rule still go through", async () => {
    h = createApiHarness({ settings: { refLinkOnly: { enabled: true } } });
    const text = await h.patch("/api/settings", { body: { refLinkOnly: { text: "Invitation only" } } });
    expect(text.status).toBe(200);
    expect(h.services.settings.get("refLinkOnly").text).toBe("Invitation only");
    expect((await h.patch("/api/settings", { body: { refLinkOnly: { enabled: true } } })).status).toBe(409);
  });

  it("when the body is not JSON, too large or without a token, then the matching error comes back", async () => {
    h = createApiHarness();
    const broken = await h.patch("/api/settings", {
      body: "{not json",
      headers: { "content-type": "application/json" },
    });
    expect(broken.status).toBe(400);
    expect(broken.json.error).toBeDefined();
    const bodiless = await h.patch("/api/settings");
    expect(bodiless.status).toBe(400);
    expect(bodiless.json.error.details).toEqual([expect.objectContaining({ path: "body" })]);
    const huge = await h.patch("/api/settings", {
      body: JSON.stringify({ maintenance: { text: "x".repeat(2 * 1024 * 1024) } }),
      headers: { "content-type": "application/json" },
    });
    expect(huge.status).toBe(413);
    expect(huge.json.error.code).toBe("payload_too_large");
    const anonymous = await h.patch("/api/settings", { token: null, body: { captcha: { enabled: true } } });
    expect(anonymous.status).toBe(401);
    expect(h.services.settings.get("captcha").enabled).toBe(false);
  });

  it("when the single new-user alerts per minute are set, then the number is stored, audited and documented; a wrong one or no token changes nothing", async () => {
    h = createApiHarness();
    expect((await h.get("/api/settings")).json.newUserAlerts).toEqual({
      enabled: true,
      adminIds: null,
      individualPerMinute: 10,
    });
    const set = await h.patch("/api/settings", { body: { newUserAlerts: { individualPerMinute: 25 } } });
    expect(set.status).toBe(200);
    expect(set.json.newUserAlerts.individualPerMinute).toBe(25);
    expect(h.services.audit.recent()[0]).toMatchObject({
      actorLabel: "api",
      action: "settings.newUserAlerts",
      before: { individualPerMinute: 10 },
      after: { individualPerMinute: 25 },
    });
    for (const wrong of [-1, 1001, 2.5, "10", null]) {
      const answer = await h.patch("/api/settings", {
        body: { newUserAlerts: { individualPerMinute: wrong } },
      });
      expect(answer.status, String(wrong)).toBe(400);
      expect(answer.json.error.details[0].path).toBe("body.newUserAlerts.individualPerMinute");
    }
    const anonymous = await h.patch("/api/settings", {
      token: null,
      body: { newUserAlerts: { individualPerMinute: 0 } },
    });
    expect(anonymous.status).toBe(401);
    expect(h.services.settings.get("newUserAlerts").individualPerMinute).toBe(25);

    const document = (await h.get("/api/openapi.json", { token: null })).json;
    const field =
      document.components.schemas.Settings.properties.newUserAlerts.properties.individualPerMinute;
    expect(field).toMatchObject({ type: "integer", minimum: 0, maximum: 1000, default: 10 });
    expect(field.description).toMatch(/one digest message per admin/);
  });
});
