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
      body: { captcha: { enabled: true }, mailing: { dead_after: 9 } },
    });
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe("invalid_request");
    expect(answer.json.error.details).toEqual([expect.objectContaining({ path: "body.mailing.dead_after" })]);
    expect(h.services.settings.get("captcha").enabled).toBe(false);
    expect(h.services.audit.count()).toBe(0);
  });

  it("when users.list_fields is set, then the menu's rows take it; an unknown field or one twice is refused naming the place", async () => {
    h = createApiHarness();
    const wrong = await h.patch("/api/settings", {
      body: { users: { list_fields: ["email", "shoe_size"] } },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error.details).toEqual([expect.objectContaining({ path: "body.users.list_fields.1" })]);
    const twice = await h.patch("/api/settings", { body: { users: { list_fields: ["email", "email"] } } });
    expect(twice.status).toBe(400);
    expect(h.services.settings.get("users").listFields).toEqual([]);
    const answer = await h.patch("/api/settings", {
      body: { users: { list_fields: ["email", "attribute:plan"] } },
    });
    expect(answer.status).toBe(200);
    expect(answer.json.users.list_fields).toEqual(["email", "attribute:plan"]);
    expect(h.services.settings.get("users").listFields).toEqual(["email", "attribute:plan"]);
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

  it("when a client sends the camelCase keys of before, then it is refused with 400 naming the snake_case key and nothing changes", async () => {
    h = createApiHarness();
    const answer = await h.patch("/api/settings", {
      body: { mailing: { paidBroadcast: true, dead_after: 2 } },
    });
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe("invalid_request");
    expect(answer.json.error.details).toEqual([
      { path: "body.mailing", message: expect.stringMatching(/paidBroadcast.*snake_case: paid_broadcast/) },
    ]);
    const setting = await h.patch("/api/settings", { body: { newUserAlerts: { enabled: false } } });
    expect(setting.status).toBe(400);
    expect(setting.json.error.message).toMatch(/new_user_alerts/);
    expect(h.services.settings.get("mailing")).toMatchObject({ paidBroadcast: false, deadAfter: 3 });
    expect(h.services.settings.get("newUserAlerts").enabled).toBe(true);
  });

  it("when nested settings are changed in snake_case, then GET shows them in snake_case, the stored settings change, and Telegram data inside (an entity's custom_emoji_id, a button's url) stays as sent", async () => {
    h = createApiHarness();
    const entities = [
      { type: "custom_emoji", offset: 6, length: 2, custom_emoji_id: "5368324170671202286" },
      { type: "text_mention", offset: 0, length: 5, user: { id: 42, is_bot: false, first_name: "Ann" } },
    ];
    const buttons = [[{ text: "Site", url: "https://example.com/?utm_source=bot" }]];
    const answer = await h.patch("/api/settings", {
      body: {
        welcome: { content: { type: "text", text: "Hello 🎉 there", entities }, buttons },
        users: { support_chat_id: -100_123, session_timeout_minutes: 30 },
      },
    });
    expect(answer.status).toBe(200);

    const read = (await h.get("/api/settings")).json;
    expect(read).toEqual(answer.json);
    expect(read.welcome).toEqual({
      enabled: true,
      content: { type: "text", text: "Hello 🎉 there", entities },
      buttons,
    });
    expect(read.users).toEqual({
      session_timeout_minutes: 30,
      pause_minutes: 10,
      support_chat_id: -100_123,
      list_fields: [],
    });
    expect(h.services.settings.get("users")).toEqual({
      sessionTimeoutMinutes: 30,
      pauseMinutes: 10,
      supportChatId: -100_123,
      listFields: [],
    });
    expect(h.services.settings.get("welcome").content).toEqual({
      type: "text",
      text: "Hello 🎉 there",
      entities,
    });
    expect(h.services.settings.get("welcome").buttons).toEqual(buttons);

    const copy = await h.patch("/api/settings", {
      body: { welcome: { content: { type: "copy", from_chat_id: -100_777, message_id: 12 } } },
    });
    expect(copy.status).toBe(200);
    expect(copy.json.welcome.content).toEqual({ type: "copy", from_chat_id: -100_777, message_id: 12 });
    expect(h.services.settings.get("welcome").content).toEqual({
      type: "copy",
      fromChatId: -100_777,
      messageId: 12,
    });
  });

  it("when the OpenAPI document is read, then every key of the settings schemas is snake_case at every level", async () => {
    h = createApiHarness();
    const schemas = (await h.get("/api/openapi.json", { token: null })).json.components.schemas;
    const keys: string[] = [];
    const collect = (schema: unknown): void => {
      if (typeof schema !== "object" || schema === null) return;
      const { properties, required, default: _default, ...rest } = schema as Record<string, unknown>;
      if (properties) keys.push(...Object.keys(properties));
      if (Array.isArray(required)) keys.push(...required);
      for (const inner of [...Object.values(properties ?? {}), ...Object.values(rest)]) collect(inner);
    };
    collect(schemas.Settings);
    collect(schemas.SettingsPatch);
    expect(keys).toContain("from_chat_id");
    expect(keys).toContain("individual_per_minute");
    expect(keys.filter((key) => !/^[a-z0-9_]+$/.test(key))).toEqual([]);
    expect(schemas.Settings.properties.welcome.properties.content.default).toEqual({
      type: "text",
      text: expect.any(String),
    });
  });

  it("when paid broadcast is switched off with a speed above the free limit, then the speed is lowered to 30 as from the menu, and 31 without paid broadcast is refused", async () => {
    h = createApiHarness({ settings: { mailing: { paidBroadcast: true, ratePerSecond: 800 } } });
    const off = await h.patch("/api/settings", { body: { mailing: { paid_broadcast: false } } });
    expect(off.status).toBe(200);
    expect(off.json.mailing).toMatchObject({ paid_broadcast: false, rate_per_second: 30 });
    expect(h.services.settings.get("mailing")).toMatchObject({ paidBroadcast: false, ratePerSecond: 30 });
    expect(h.services.audit.recent(1)[0]?.after).toEqual({ paidBroadcast: false, ratePerSecond: 30 });

    const fast = await h.patch("/api/settings", { body: { mailing: { rate_per_second: 31 } } });
    expect(fast.status).toBe(409);
    expect(fast.json.error.code).toBe("rate_above_free_limit");
    expect(fast.json.error.details.map((d: { path: string }) => d.path)).toEqual([
      "body.mailing.rate_per_second",
      "body.mailing.paid_broadcast",
    ]);
    expect(fast.json.error.message).not.toMatch(/[a-z][A-Z]/);
    const both = await h.patch("/api/settings", {
      body: { mailing: { paid_broadcast: false, rate_per_second: 500 } },
    });
    expect(both.status).toBe(409);
    expect(h.services.settings.get("mailing")).toMatchObject({ paidBroadcast: false, ratePerSecond: 30 });
  });

  it("when access only by referral link is switched on with no kind of referral link on, then it is refused with 409 and nothing changes", async () => {
    h = createApiHarness();
    const answer = await h.patch("/api/settings", {
      body: { ref_link_only: { enabled: true }, captcha: { enabled: true } },
    });
    expect(answer.status).toBe(409);
    expect(answer.json.error.code).toBe("ref_link_only_without_links");
    expect(answer.json.error.message).toMatch(/every newcomer is turned away/);
    expect(answer.json.error.details.map((d: { path: string }) => d.path)).toEqual([
      "body.ref_link_only.enabled",
      "body.user_referrals.enabled",
      "body.admin_referrals.enabled",
    ]);
    expect(h.services.settings.get("refLinkOnly").enabled).toBe(false);
    expect(h.services.settings.get("captcha").enabled).toBe(false);
    expect(h.services.audit.count()).toBe(0);

    const together = await h.patch("/api/settings", {
      body: { ref_link_only: { enabled: true }, admin_referrals: { enabled: true } },
    });
    expect(together.status).toBe(200);
    expect(together.json.ref_link_only.enabled).toBe(true);
    expect(together.json.admin_referrals.enabled).toBe(true);
  });

  it("when the last kind of referral link is switched off while access is only by referral link, then it is refused with 409", async () => {
    h = createApiHarness({ settings: { adminReferrals: { enabled: true }, refLinkOnly: { enabled: true } } });
    const answer = await h.patch("/api/settings", { body: { admin_referrals: { enabled: false } } });
    expect(answer.status).toBe(409);
    expect(answer.json.error.code).toBe("ref_link_only_without_links");
    expect(h.services.settings.get("adminReferrals").enabled).toBe(true);
    const both = await h.patch("/api/settings", {
      body: { admin_referrals: { enabled: false }, ref_link_only: { enabled: false } },
    });
    expect(both.status).toBe(200);
    expect(h.services.settings.get("adminReferrals").enabled).toBe(false);
  });

  it("when stored settings already contradict each other, then changes that do not touch the rule still go through", async () => {
    h = createApiHarness({ settings: { refLinkOnly: { enabled: true } } });
    const text = await h.patch("/api/settings", { body: { ref_link_only: { text: "Invitation only" } } });
    expect(text.status).toBe(200);
    expect(h.services.settings.get("refLinkOnly").text).toBe("Invitation only");
    expect((await h.patch("/api/settings", { body: { ref_link_only: { enabled: true } } })).status).toBe(409);
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
    expect((await h.get("/api/settings")).json.new_user_alerts).toEqual({
      enabled: true,
      admin_ids: null,
      individual_per_minute: 10,
    });
    const set = await h.patch("/api/settings", { body: { new_user_alerts: { individual_per_minute: 25 } } });
    expect(set.status).toBe(200);
    expect(set.json.new_user_alerts.individual_per_minute).toBe(25);
    expect(h.services.audit.recent()[0]).toMatchObject({
      actorLabel: "api",
      action: "settings.newUserAlerts",
      before: { individualPerMinute: 10 },
      after: { individualPerMinute: 25 },
    });
    for (const wrong of [-1, 1001, 2.5, "10", null]) {
      const answer = await h.patch("/api/settings", {
        body: { new_user_alerts: { individual_per_minute: wrong } },
      });
      expect(answer.status, String(wrong)).toBe(400);
      expect(answer.json.error.details[0].path).toBe("body.new_user_alerts.individual_per_minute");
    }
    const anonymous = await h.patch("/api/settings", {
      token: null,
      body: { new_user_alerts: { individual_per_minute: 0 } },
    });
    expect(anonymous.status).toBe(401);
    expect(h.services.settings.get("newUserAlerts").individualPerMinute).toBe(25);

    const document = (await h.get("/api/openapi.json", { token: null })).json;
    const field =
      document.components.schemas.Settings.properties.new_user_alerts.properties.individual_per_minute;
    expect(field).toMatchObject({ type: "integer", minimum: 0, maximum: 1000, default: 10 });
    expect(field.description).toMatch(/one digest message per admin/);
  });
});
