import { afterEach, describe, expect, it } from "vitest";
import { addAdmin, removeAdmin } from "../../src/features/admins/admin-rights.js";
import { AppSessions } from "../../src/features/app/app-session.js";
import { cliActor } from "../../src/features/audit/audit-log.js";
import { ownerId } from "../support/bot-harness.js";
import { type ApiHarness, appSessionOf, createApiHarness } from "../support/http-harness.js";
import { insertUser } from "../support/user-factory.js";

let h: ApiHarness;
afterEach(() => h?.close());

const hour = 3_600_000;

/** Every route behind the Mini App's session, as the app serves it (not as anything documents it). */
function sessionRoutes() {
  return h.app.routes
    .filter((r) => r.method !== "ALL" && r.path.startsWith("/app/api/") && r.path !== "/app/api/session")
    .map((r) => ({ method: r.method, path: r.path.replace(/:[^/]+/g, "1") }));
}

const call = (route: { method: string; path: string }, token: string | null) =>
  h.call(route.method, route.path, { token, body: route.method === "GET" ? undefined : {} });

describe("every Mini App endpoint behind the session", () => {
  it("when there is no session, a forged one, or one past its hour, then every endpoint answers 401", async () => {
    h = createApiHarness();
    const routes = sessionRoutes();
    // The API's routes and /me, all of them.
    expect(routes.length).toBeGreaterThan(100);
    const otherBot = new AppSessions("123:another-bot", h.clock.now).issue(ownerId).token;
    const lastHour = new Date(h.clock.now().getTime() - 2 * hour);
    const expired = new AppSessions(h.fake.token, () => lastHour).issue(ownerId).token;
    for (const route of routes) {
      for (const [token, code] of [
        [null, "unauthorized"],
        ["not-a-session", "invalid_session"],
        [otherBot, "invalid_session"],
        [expired, "expired_session"],
        // The API token is no session.
        ["test-api-token-0123456789", "invalid_session"],
      ] as const) {
        const answer = await call(route, token);
        expect(answer.status, `${route.method} ${route.path} with ${token ?? "nothing"}`).toBe(401);
        expect(answer.json.error.code, `${route.method} ${route.path}`).toBe(code);
      }
    }
  });

  it("when the session's user is no admin any more, then every endpoint answers 403", async () => {
    h = createApiHarness();
    const admin = { id: 5151, first_name: "Ada" };
    addAdmin(h.services, cliActor, admin.id);
    const token = await appSessionOf(h, admin);
    removeAdmin(h.services, cliActor, admin.id);
    for (const route of sessionRoutes()) {
      const answer = await call(route, token);
      expect(answer.status, `${route.method} ${route.path}`).toBe(403);
      expect(answer.json.error.code).toBe("not_admin");
    }
  });

  it("when an admin's session calls any endpoint, then it passes; a read answers as /api does", async () => {
    h = createApiHarness();
    insertUser(h.services.db, { id: 1, firstName: "Ann" }, h.clock.now());
    const token = await appSessionOf(h, { id: ownerId, first_name: "Owner" });
    const reads = sessionRoutes().filter((r) => r.method === "GET" && r.path !== "/app/api/me");
    expect(reads.length).toBeGreaterThan(40);
    for (const route of reads) {
      const audited = h.services.audit.count();
      const viaApp = await call(route, token);
      const viaApi = await h.get(route.path.slice("/app".length));
      expect(viaApp.status, route.path).not.toBe(401);
      expect(viaApp.status, route.path).not.toBe(403);
      expect(viaApp.status, route.path).toBe(viaApi.status);
      // A read that audits itself (an export) differs by that entry; every other one byte for byte.
      if (h.services.audit.count() === audited) expect(viaApp.text, route.path).toBe(viaApi.text);
    }
    for (const route of sessionRoutes().filter((r) => r.method !== "GET")) {
      const answer = await call(route, token);
      expect([401, 403], `${route.method} ${route.path}: ${answer.text}`).not.toContain(answer.status);
    }
  });

  it("when an admin tags a user and creates a mailing through the app, then both are audited as that admin", async () => {
    h = createApiHarness();
    const admin = { id: 5151, first_name: "Ada" };
    addAdmin(h.services, cliActor, admin.id);
    insertUser(h.services.db, { id: 101, firstName: "Ann" }, h.clock.now());
    const token = await appSessionOf(h, admin);

    const tagged = await h.patch("/app/api/users/101", { token, body: { tags: { add: ["vip"] } } });
    expect(tagged.status).toBe(200);
    expect(h.services.users.tagsOf(101)).toEqual(["vip"]);
    const created = await h.post("/app/api/mailings", {
      token,
      body: { text: "Hello", audience: { segment: "tag:vip" } },
    });
    expect(created.status).toBe(201);

    const entries = h.services.audit
      .recent(10)
      .filter((e) => e.action !== "app.session" && e.action !== "admins.add");
    expect(entries.map((e) => e.action).sort()).toEqual(["mailings.create", "users.addTag"]);
    for (const entry of entries)
      expect(entry).toMatchObject({ actorId: admin.id, actorLabel: String(admin.id) });
    expect(h.services.mailings.find(created.json.id)?.createdBy).toBe(admin.id);

    // The same write through /api stays the API's.
    await h.patch("/api/users/101", { body: { tags: { add: ["beta"] } } });
    expect(h.services.audit.recent(1)[0]).toMatchObject({
      actorId: null,
      actorLabel: "api",
      action: "users.addTag",
    });
  });

  it("when a CSV import comes through the app, then the API's 20 MB limit applies, not the 1 MB of JSON bodies", async () => {
    h = createApiHarness();
    const token = await appSessionOf(h, { id: ownerId, first_name: "Owner" });
    const rows = Array.from({ length: 60_000 }, (_, i) => `${i + 1},user${i}@example.com`).join("\n");
    const csv = `telegram_id,email\n${rows}\n`;
    expect(csv.length).toBeGreaterThan(1024 * 1024);
    const dryRun = await h.post("/app/api/users/import?dry_run=true", {
      token,
      body: csv,
      headers: { "content-type": "text/csv" },
    });
    expect(dryRun.status, dryRun.text.slice(0, 200)).not.toBe(413);
    const tooLarge = await h.post("/app/api/users/import?dry_run=true", {
      token,
      body: "x".repeat(20 * 1024 * 1024 + 1),
      headers: { "content-type": "text/csv" },
    });
    expect(tooLarge.status).toBe(413);
    const bigJson = await h.post("/app/api/mailings", {
      token,
      body: JSON.stringify({ text: "x".repeat(1024 * 1024) }),
      headers: { "content-type": "application/json" },
    });
    expect(bigJson.status).toBe(413);
  });
});
