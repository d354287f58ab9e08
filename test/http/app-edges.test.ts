import { afterEach, describe, expect, it } from "vitest";
import { AppSessions } from "../../src/features/app/app-session.js";
import { ownerId } from "../support/bot-harness.js";
import { type ApiAnswer, type ApiHarness, appSessionOf, createApiHarness } from "../support/http-harness.js";
import { signedInitData } from "../support/init-data.js";

let h: ApiHarness;
afterEach(() => h?.close());

const owner = { id: ownerId, first_name: "Owner" };
const minute = 60_000;

const openWith = (initData: string) =>
  h.post("/app/api/session", { token: null, body: { init_data: initData } });
const sessionsAudited = () => h.services.audit.recent().filter((entry) => entry.action === "app.session");

/** An /app error as the app and a browser must get it: the JSON error shape, under the app's CSP. */
function expectAppError(answer: ApiAnswer, status: number) {
  expect(answer.status).toBe(status);
  expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
  expect(answer.headers.get("content-security-policy")).toContain("frame-ancestors https://web.telegram.org");
  expect(Object.keys(answer.json)).toEqual(["error"]);
  expect(answer.text).not.toMatch(/\bat .+:\d+:\d+|node_modules|\.ts\b/);
}

describe("the Mini App's sign-in and API at their edges", () => {
  it("when initData's auth_date is a few minutes ahead of the server's clock, then it opens; ten minutes ahead, then 401", async () => {
    h = createApiHarness();
    const now = h.clock.now().getTime();
    expect((await openWith(signedInitData(h.fake.token, owner, new Date(now + 4 * minute)))).status).toBe(
      200,
    );
    const ahead = await openWith(signedInitData(h.fake.token, owner, new Date(now + 10 * minute)));
    expectAppError(ahead, 401);
    expect(ahead.json.error.code).toBe("invalid_init_data");
    expect(sessionsAudited()).toHaveLength(1);
  });

  it("when Telegram's signature covers a user that is not JSON, an id that is no whole number, or the hash is in capitals, then 401 and no session", async () => {
    h = createApiHarness();
    const now = h.clock.now();
    const signed = signedInitData(h.fake.token, owner, now);
    for (const initData of [
      signedInitData(h.fake.token, owner, now, { user: "{not json" }),
      signedInitData(h.fake.token, { id: String(ownerId), first_name: "Owner" } as never, now),
      signedInitData(h.fake.token, { id: ownerId + 0.5, first_name: "Owner" }, now),
      signedInitData(h.fake.token, { id: -ownerId, first_name: "Owner" }, now),
      signed.replace(/hash=([0-9a-f]{64})/, (_, hash: string) => `hash=${hash.toUpperCase()}`),
    ]) {
      const answer = await openWith(initData);
      expectAppError(answer, 401);
      expect(answer.json.error.code, initData).toBe("invalid_init_data");
    }
    expect(sessionsAudited()).toHaveLength(0);
  });

  it("when a session was signed with another bot's token, then 401; one signed with this bot's token by any instance, then it answers", async () => {
    h = createApiHarness();
    const otherBot = new AppSessions("123456:another-bot-token", h.clock.now).issue(ownerId).token;
    const answer = await h.get("/app/api/me", { token: otherBot });
    expectAppError(answer, 401);
    expect(answer.json.error.code).toBe("invalid_session");
    // Stateless: another process of this bot issues tokens this one accepts.
    const sameBot = new AppSessions(h.fake.token, h.clock.now).issue(ownerId).token;
    expect((await h.get("/app/api/me", { token: sameBot })).status).toBe(200);
  });

  it("when the session endpoint gets a body over 1 MB, malformed JSON or a form, then the error shape, and nothing opens", async () => {
    h = createApiHarness();
    const huge = JSON.stringify({ init_data: "x".repeat(2 * 1024 * 1024) });
    expectAppError(
      await h.post("/app/api/session", {
        token: null,
        body: huge,
        headers: { "content-type": "application/json" },
      }),
      413,
    );
    expectAppError(
      await h.post("/app/api/session", {
        token: null,
        body: "{",
        headers: { "content-type": "application/json" },
      }),
      400,
    );
    const form = await h.post("/app/api/session", {
      token: null,
      body: "init_data=x",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(form.status).toBeGreaterThanOrEqual(400);
    expect(form.status).toBeLessThan(500);
    expect(sessionsAudited()).toHaveLength(0);
  });

  it("when a call fails inside the server, then the app gets a 500 in the error shape that tells nothing of the code", async () => {
    h = createApiHarness();
    const token = await appSessionOf(h, owner);
    h.services.users.find = () => {
      throw new Error("SQLITE_CORRUPT at /srv/usher/src/features/users/user-repository.ts:42:7");
    };
    const answer = await h.get("/app/api/me", { token });
    expectAppError(answer, 500);
    expect(answer.json.error.code).toBe("internal");
    expect(answer.text).not.toContain("SQLITE_CORRUPT");
  });

  it("when an unknown /app path, a climb out of the assets, their folder, or an unknown /app/api route is asked, then a 404 (or a 401 without a session) in the error shape", async () => {
    h = createApiHarness();
    const token = await appSessionOf(h, owner);
    expectAppError(await h.get("/app/api/no-such-route", { token }), 404);
    expectAppError(await h.get("/app/api/no-such-route", { token: null }), 401);
    expectAppError(await h.get("/app/api/openapi.json", { token }), 404);
    expectAppError(await h.get("/app/no-such-page", { token: null }), 404);
    expectAppError(await h.get("/app/assets/%2e%2e%2findex.html", { token: null }), 404);
    expectAppError(await h.get("/app/assets/", { token: null }), 404);
  });
});
