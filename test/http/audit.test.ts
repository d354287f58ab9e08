import { afterEach, describe, expect, it } from "vitest";
import { type ApiHarness, createApiHarness } from "../support/http-harness.js";

let h: ApiHarness;
afterEach(() => h?.close());

describe("GET /api/audit", () => {
  it("when changes were made from the menu and over the API, then pages list them newest first with their actor", async () => {
    h = createApiHarness();
    h.services.audit.record({
      actor: { kind: "admin", id: 900_001 },
      action: "settings.maintenance",
      after: { enabled: true },
    });
    for (const attempts of [4, 5]) {
      expect((await h.patch("/api/settings", { body: { captcha: { attempts } } })).status).toBe(200);
    }
    const first = await h.get("/api/audit?limit=2");
    expect(first.status).toBe(200);
    expect(first.json.entries).toEqual([
      expect.objectContaining({
        action: "settings.captcha",
        actor: { kind: "system", id: null, label: "api" },
        before: { attempts: 4 },
        after: { attempts: 5 },
      }),
      expect.objectContaining({ action: "settings.captcha", after: { attempts: 4 } }),
    ]);
    expect(first.json.next_cursor).toEqual(expect.any(String));
    const second = await h.get(`/api/audit?limit=2&cursor=${first.json.next_cursor}`);
    expect(second.json.entries).toEqual([
      expect.objectContaining({
        action: "settings.maintenance",
        actor: { kind: "admin", id: 900_001, label: "900001" },
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      }),
    ]);
    expect(second.json.next_cursor).toBeNull();
  });

  it("when the token is missing or wrong, or the query is malformed, then nothing is listed", async () => {
    h = createApiHarness();
    h.services.audit.record({ actor: { kind: "admin", id: 1 }, action: "settings.maintenance" });
    expect((await h.get("/api/audit", { token: null })).status).toBe(401);
    expect((await h.get("/api/audit", { token: "wrong-token-wrong-token" })).status).toBe(401);
    for (const query of ["limit=0", "limit=201", "cursor=abc", "cursor=-1"]) {
      const answer = await h.get(`/api/audit?${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.json.error.details[0].path).toMatch(/^query\./);
    }
  });
});
