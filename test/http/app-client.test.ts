import { afterEach, describe, expect, it } from "vitest";
import { ApiFailure, createAppClient, queryOf } from "../../app/api-client.js";
import type { Admin } from "../../app/api-types.js";
import { ownerId } from "../support/bot-harness.js";
import { createApiHarness } from "../support/http-harness.js";
import { signedInitData } from "../support/init-data.js";

let h: ReturnType<typeof createApiHarness>;
afterEach(() => h.close());

const owner = { id: ownerId, first_name: "Owner", username: "owner" };
const hour = 3_600_000;

/** The Mini App's own client, its requests answered by the HTTP app in process. */
function clientFor(user: { id: number; first_name: string }) {
  return createAppClient({
    initData: signedInitData(h.fake.token, user, h.clock.now()),
    fetch: (input, init) => Promise.resolve(h.app.request(input, init)),
  });
}

const sessionsOpened = () =>
  h.services.audit.recent().filter((entry) => entry.action === "app.session").length;

describe("the Mini App's API client", () => {
  it("when an admin's app makes calls, then one session is opened and every call is answered for that admin", async () => {
    h = createApiHarness();
    const client = clientFor(owner);
    expect((await client.get<Admin>("/me")).id).toBe(ownerId);
    expect((await client.get<Admin>("/me")).id).toBe(ownerId);
    expect(sessionsOpened()).toBe(1);
  });

  it("when the session has expired, then the client opens a new one with initData and the call still answers", async () => {
    h = createApiHarness();
    const client = clientFor(owner);
    await client.get<Admin>("/me");
    h.clock.advance(hour + 60_000);
    expect((await client.get<Admin>("/me")).id).toBe(ownerId);
    expect(sessionsOpened()).toBe(2);
  });

  it("when the app is opened by someone who is not an admin, then the call fails with the API's 403", async () => {
    h = createApiHarness();
    const client = clientFor({ id: 4242, first_name: "Mallory" });
    const failure = await client.get<Admin>("/me").catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiFailure);
    expect(failure).toMatchObject({ status: 403, code: "not_admin" });
    expect(sessionsOpened()).toBe(0);
  });

  it("when a query has empty values, then they are left out and the rest is URL-encoded", () => {
    expect(queryOf({ q: "tag:vip lang:ru", limit: 50, cursor: null, all: undefined })).toBe(
      "?q=tag%3Avip+lang%3Aru&limit=50",
    );
    expect(queryOf({ q: "" })).toBe("");
  });
});
