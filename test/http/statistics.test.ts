import { afterEach, describe, expect, it } from "vitest";
import { type ApiHarness, createApiHarness } from "../support/http-harness.js";
import { seedBotUsers } from "../support/mailing-helpers.js";

let h: ApiHarness;
afterEach(() => h?.close());

describe("GET /api/stats", () => {
  it("when there are bot users, a dead one and a referrer, then the figures match the database", async () => {
    h = createApiHarness();
    const [, bob] = seedBotUsers(h, [{ language_code: "en" }, { language_code: "de" }, {}]);
    h.services.users.markDead(bob?.id as number, "blocked", h.clock.now());
    const answer = await h.get("/api/stats");
    expect(answer.status).toBe(200);
    expect(answer.json.users).toEqual({ total: 3, active: 3, dead: 1, pending: 0, banned: 0 });
    expect(answer.json.new_users).toEqual({ today: 3, last_7_days: 3, last_30_days: 3 });
    expect(answer.json.languages).toEqual(
      expect.arrayContaining([
        { kind: "language", code: "en", users: 1 },
        { kind: "unknown", users: 1 },
      ]),
    );
    expect(answer.json.top_referrers).toEqual([]);
  });

  it("when a top referrer has no visible name, then the figures name them as the bot does, the Dear User", async () => {
    h = createApiHarness();
    const [nameless] = seedBotUsers(h, [{ first_name: "\u3164" }]);
    const friend = h.fake.addUser({ first_name: "Friend" });
    h.services.users.touch({ id: friend.id, is_bot: false, first_name: "Friend" }, h.clock.now());
    h.services.users.register(
      friend.id,
      { referrerId: nameless?.id ?? null, campaignId: null },
      h.clock.now(),
    );
    const answer = await h.get("/api/stats");
    expect(answer.json.top_referrers).toEqual([
      expect.objectContaining({ id: nameless?.id, display_name: "Dear User", referral_count: 1 }),
    ]);
  });

  it("when the token is missing or wrong, then no figures are given", async () => {
    h = createApiHarness();
    expect((await h.get("/api/stats", { token: null })).status).toBe(401);
    const wrong = await h.get("/api/stats", { token: "x" });
    expect(wrong.status).toBe(401);
    expect(wrong.json.users).toBeUndefined();
  });
});
