import { afterEach, describe, expect, it } from "vitest";
import { addAdmin, removeAdmin } from "../../src/features/admins/admin-rights.js";
import { cliActor } from "../../src/features/audit/audit-log.js";
import { ownerId } from "../support/bot-harness.js";
import { createApiHarness } from "../support/http-harness.js";
import { signedInitData } from "../support/init-data.js";

let h: ReturnType<typeof createApiHarness>;
afterEach(() => h.close());

const owner = { id: ownerId, first_name: "Owner", username: "owner", language_code: "ru" };
const hour = 3_600_000;

function openWith(initData: string) {
  return h.post("/app/api/session", { token: null, body: { init_data: initData } });
}

const sessionsAudited = () => h.services.audit.recent().filter((entry) => entry.action === "app.session");

describe("the admin Mini App's sessions", () => {
  it("when an admin opens the app with initData Telegram signed, then a session answers for them on every call", async () => {
    h = createApiHarness();
    const opened = await openWith(signedInitData(h.fake.token, owner, h.clock.now()));
    expect(opened.status).toBe(200);
    // The bot has not met this owner yet: the app speaks what their Telegram says.
    expect(opened.json.admin).toEqual({ id: ownerId, first_name: "Owner", language: "ru" });
    expect(new Date(opened.json.expires_at).getTime()).toBe(h.clock.now().getTime() + hour);
    expect(sessionsAudited()).toHaveLength(1);

    const me = await h.get("/app/api/me", { token: opened.json.token });
    expect(me.status).toBe(200);
    expect(me.json.id).toBe(ownerId);
    // The API's own token is no session, and a session is no API token.
    expect((await h.get("/app/api/me")).status).toBe(401);
    expect((await h.get("/api/stats", { token: opened.json.token })).status).toBe(401);
  });

  it("when initData was changed after Telegram signed it, then it is refused with 401 and nothing is opened", async () => {
    h = createApiHarness();
    const signed = signedInitData(h.fake.token, { id: 123, first_name: "Mallory" }, h.clock.now());
    // Someone swaps in the owner's id, keeping Telegram's hash.
    const tampered = signed.replace(encodeURIComponent('"id":123'), encodeURIComponent(`"id":${ownerId}`));
    expect(tampered).not.toBe(signed);
    const answer = await openWith(tampered);
    expect(answer.status).toBe(401);
    expect(answer.json.error.code).toBe("invalid_init_data");
    // Signed for another bot: its token made the key.
    const otherBot = await openWith(signedInitData("123:another-bot", owner, h.clock.now()));
    expect(otherBot.status).toBe(401);
    expect(sessionsAudited()).toHaveLength(0);
  });

  it("when initData is older than a day, then it is refused as expired; within a day it opens", async () => {
    h = createApiHarness();
    const now = h.clock.now().getTime();
    const stale = await openWith(signedInitData(h.fake.token, owner, new Date(now - 24 * hour - 60_000)));
    expect(stale.status).toBe(401);
    expect(stale.json.error.code).toBe("expired_init_data");
    const fresh = await openWith(signedInitData(h.fake.token, owner, new Date(now - 23 * hour)));
    expect(fresh.status).toBe(200);
    const fromTheFuture = await openWith(signedInitData(h.fake.token, owner, new Date(now + hour)));
    expect(fromTheFuture.status).toBe(401);
  });

  it("when Telegram vouches for someone who is not an admin, then 403 and no session", async () => {
    h = createApiHarness();
    const answer = await openWith(
      signedInitData(h.fake.token, { id: 4242, first_name: "Ann" }, h.clock.now()),
    );
    expect(answer.status).toBe(403);
    expect(answer.json.error.code).toBe("not_admin");
    expect(sessionsAudited()).toHaveLength(0);
  });

  it("when an admin loses their rights, then their open session stops working at once", async () => {
    h = createApiHarness();
    const admin = { id: 5151, first_name: "Ada" };
    addAdmin(h.services, cliActor, admin.id);
    const { json } = await openWith(signedInitData(h.fake.token, admin, h.clock.now()));
    expect((await h.get("/app/api/me", { token: json.token })).status).toBe(200);
    removeAdmin(h.services, cliActor, admin.id);
    const after = await h.get("/app/api/me", { token: json.token });
    expect(after.status).toBe(403);
    expect(after.json.error.code).toBe("not_admin");
  });

  it("when a session is forged, broken or past its hour, then calls are refused with 401", async () => {
    h = createApiHarness();
    const { json } = await openWith(signedInitData(h.fake.token, owner, h.clock.now()));
    const token = json.token as string;
    const [, expires, signature] = token.split(".");
    for (const forged of [
      `4242.${expires}.${signature}`,
      `${ownerId}.${Number(expires) + hour}.${signature}`,
      `${token}0`,
      "not-a-session",
    ]) {
      const answer = await h.get("/app/api/me", { token: forged });
      expect(answer.status, forged).toBe(401);
      expect(answer.json.error.code).toBe("invalid_session");
    }
    h.clock.advance(hour);
    const expired = await h.get("/app/api/me", { token });
    expect(expired.status).toBe(401);
    expect(expired.json.error.code).toBe("expired_session");
  });

  it("when the body is not initData, then a clear 400 or 401, and nothing opens", async () => {
    h = createApiHarness();
    expect((await h.post("/app/api/session", { token: null, body: {} })).status).toBe(400);
    expect(
      (await h.post("/app/api/session", { token: null, body: { init_data: "x".repeat(9000) } })).status,
    ).toBe(400);
    for (const initData of [
      "garbage",
      "hash=zz&auth_date=1",
      // A field given twice could be read two ways: refused however it is signed.
      `${signedInitData(h.fake.token, owner, h.clock.now())}&user=${encodeURIComponent('{"id":1}')}`,
    ]) {
      const answer = await openWith(initData);
      expect(answer.status, initData).toBe(401);
      expect(answer.json.error.code).toBe("invalid_init_data");
    }
    const malformedUser = await openWith(
      signedInitData(h.fake.token, { first_name: "No id" } as never, h.clock.now()),
    );
    expect(malformedUser.status).toBe(401);
    expect(sessionsAudited()).toHaveLength(0);
  });
});
