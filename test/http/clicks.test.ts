import { eq } from "drizzle-orm";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { linkClicks, serverSecrets, trackedLinks, users } from "../../src/db/schema/index.js";
import { signClickToken } from "../../src/features/clicks/click-token.js";
import { LinkTracker } from "../../src/features/clicks/link-tracker.js";
import { deleteUserData } from "../../src/features/users/gdpr.js";
import { type ApiAnswer, type ApiHarness, createApiHarness } from "../support/http-harness.js";
import { seedBotUsers } from "../support/mailing-helpers.js";

const publicUrl = "https://bot.example.com";
const target = "https://example.com/offer?from=bot#top";

let h: ApiHarness;
afterEach(() => h?.close?.());

function tracker(): LinkTracker {
  const links = h.services.links;
  if (!links) throw new Error("click tracking is off");
  return links;
}

/** The path of a tracked link (what follows PUBLIC_URL). */
function pathOf(link: string): string {
  expect(link.startsWith(`${publicUrl}/c/`)).toBe(true);
  return link.slice(publicUrl.length);
}

const clicks = () => h.services.db.select().from(linkClicks).all();
const clickCount = (userId: number) =>
  h.services.db.select({ n: users.clickCount }).from(users).where(eq(users.id, userId)).get()?.n;

/** The stored signing key, as only the server knows it. */
function storedKey(): Buffer {
  const row = h.services.db.select().from(serverSecrets).get();
  if (!row) throw new Error("no key yet");
  return Buffer.from(row.value, "base64url");
}

describe("GET /c/{token}", () => {
  it("when a user follows their tracked link, then the click is recorded, counted, and they are redirected", async () => {
    h = createApiHarness({ publicUrl });
    const [ann] = seedBotUsers(h, [{ first_name: "Ann" }]);
    if (!ann) throw new Error("no user");
    const path = pathOf(tracker().wrap(target, ann.id));

    const answer = await h.get(path, { token: null });

    expect(answer.status).toBe(302);
    expect(answer.headers.get("location")).toBe(target);
    expect(answer.headers.get("cache-control")).toBe("no-store");
    expect(clicks()).toEqual([{ id: 1, userId: ann.id, url: target, stepId: null, at: h.clock.now() }]);
    expect(clickCount(ann.id)).toBe(1);
  });

  it("when a user follows their link again within 30 minutes, then they are redirected each time and it counts once; later it counts again", async () => {
    h = createApiHarness({ publicUrl });
    const [ann] = seedBotUsers(h, [{ first_name: "Ann" }]);
    if (!ann) throw new Error("no user");
    const path = pathOf(tracker().wrap(target, ann.id));
    const firstAt = h.clock.now();

    for (const wait of [0, 1_000, 60_000, 28 * 60_000]) {
      h.clock.advance(wait);
      const answer = await h.get(path, { token: null });
      expect([answer.status, answer.headers.get("location")]).toEqual([302, target]);
    }
    expect(clicks().map((c) => c.at)).toEqual([firstAt]);
    expect(clickCount(ann.id)).toBe(1);

    // 30 minutes after the counted click, not after the last repeat.
    h.clock.advance(firstAt.getTime() + 30 * 60_000 - h.clock.now().getTime());
    expect((await h.get(path)).status).toBe(302);
    expect(clicks().map((c) => c.at)).toEqual([firstAt, h.clock.now()]);
    expect(clickCount(ann.id)).toBe(2);
  });

  it("when a link is replayed 2,000 times, then it counts once, floods get 429 with Retry-After, and other links still redirect", async () => {
    h = createApiHarness({ publicUrl });
    const [ann, bob] = seedBotUsers(h, [{ first_name: "Ann" }, { first_name: "Bob" }]);
    if (!ann || !bob) throw new Error("no users");
    const annPath = pathOf(tracker().wrap(target, ann.id));

    const statuses = new Map<number, number>();
    let refused: ApiAnswer | undefined;
    for (let i = 0; i < 2_000; i++) {
      const answer = await h.get(annPath, { token: null });
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      if (answer.status === 429) refused ??= answer;
    }
    expect(Object.fromEntries(statuses)).toEqual({ 302: 20, 429: 1_980 });
    expect(clicks()).toHaveLength(1);
    expect(clickCount(ann.id)).toBe(1);
    expect(refused?.json).toEqual({ error: { code: "too_many_requests", message: expect.any(String) } });
    expect(refused?.headers.get("retry-after")).toBe("3");
    expect(refused?.headers.get("location")).toBeNull();

    // Bob's link has a budget of its own; HEAD requests spend Ann's too.
    expect((await h.get(pathOf(tracker().wrap(target, bob.id)))).status).toBe(302);
    expect((await h.call("HEAD", annPath)).status).toBe(429);

    h.clock.advance(3_000);
    expect((await h.get(annPath)).status).toBe(302);
    expect((await h.get(annPath)).status).toBe(429);
    h.clock.advance(60_000);
    for (let i = 0; i < 20; i++) expect((await h.get(annPath)).status).toBe(302);
    expect(clickCount(ann.id)).toBe(1);
  });

  it("when a user follows a link every half hour for days, then each counts but only the newest 100 rows are kept", async () => {
    h = createApiHarness({ publicUrl });
    const [ann] = seedBotUsers(h, [{ first_name: "Ann" }]);
    if (!ann) throw new Error("no user");
    const path = pathOf(tracker().wrap(target, ann.id));
    const other = pathOf(tracker().wrap("https://example.com/other", ann.id));
    await h.get(other);

    const times: Date[] = [];
    for (let i = 0; i < 130; i++) {
      times.push(h.clock.now());
      expect((await h.get(path)).status).toBe(302);
      h.clock.advance(30 * 60_000);
    }
    expect(clickCount(ann.id)).toBe(131);
    const kept = clicks().filter((c) => c.url === target);
    expect(kept.map((c) => c.at)).toEqual(times.slice(-100));
    expect(clicks().filter((c) => c.url === "https://example.com/other")).toHaveLength(1);
  });

  it("when the same URL is wrapped for two users, then it is stored once and each link counts for its own user", async () => {
    h = createApiHarness({ publicUrl });
    const [ann, bob] = seedBotUsers(h, [{ first_name: "Ann" }, { first_name: "Bob" }]);
    if (!ann || !bob) throw new Error("no users");
    const forAnn = tracker().wrap(target, ann.id);
    const forBob = tracker().wrap(target, bob.id);
    expect(forAnn).not.toBe(forBob);
    expect(h.services.db.select().from(trackedLinks).all()).toHaveLength(1);

    await h.get(pathOf(forBob));
    expect(clicks().map((c) => c.userId)).toEqual([bob.id]);
    expect([clickCount(ann.id), clickCount(bob.id)]).toEqual([0, 1]);
  });

  it("when a token is forged for another user, tampered with, or names an unknown link, then 404 and nothing is recorded", async () => {
    h = createApiHarness({ publicUrl });
    const [ann, bob] = seedBotUsers(h, [{ first_name: "Ann" }, { first_name: "Bob" }]);
    if (!ann || !bob) throw new Error("no users");
    const token = pathOf(tracker().wrap(target, ann.id)).slice("/c/".length);
    const [link, , mac] = token.split(".");
    const lastMac = (mac as string).at(-2) === "A" ? "B" : "A";
    const refused = [
      // Ann's signature on Bob's id.
      `${link}.${bob.id.toString(36)}.${mac}`,
      // One character of the signature changed.
      `${token.slice(0, -2)}${lastMac}${token.slice(-1)}`,
      // Signed by another key.
      signClickToken(Buffer.alloc(32, 1), { linkId: 1, userId: ann.id }),
      // Signed with the right key, for a link the bot never made.
      signClickToken(storedKey(), { linkId: 99, userId: ann.id }),
      "",
      "..",
      "1.1.x",
      "%00",
      encodeURIComponent("../../api/settings"),
      "a".repeat(5000),
    ];
    for (const [i, bad] of refused.entries()) {
      const answer = await h.get(`/c/${bad}`, { token: null });
      expect([bad, answer.status]).toEqual([bad, 404]);
      // The well-formed ones reach the route; the URL parser turns some others into other paths.
      if (i < 4) {
        expect(answer.json).toEqual({ error: { code: "unknown_link", message: expect.any(String) } });
        expect(answer.headers.get("cache-control")).toBe("no-store");
      } else expect(answer.json.error.code).toMatch(/^(unknown_link|not_found)$/);
      expect(answer.headers.get("location")).toBeNull();
    }
    expect(clicks()).toEqual([]);
    expect([clickCount(ann.id), clickCount(bob.id)]).toEqual([0, 0]);
  });

  it("when random tokens arrive, then each is a 404 in the error shape, never a redirect or a 500", async () => {
    h = createApiHarness({ publicUrl });
    seedBotUsers(h, [{ first_name: "Ann" }]);
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 80 }), async (garbage) => {
        const answer = await h.get(`/c/${encodeURIComponent(garbage)}`);
        expect(answer.status).toBe(404);
        expect(answer.json.error.code).toMatch(/^(unknown_link|not_found)$/);
      }),
      { numRuns: 60 },
    );
    expect(clicks()).toEqual([]);
  });

  it("when the user was deleted since (GDPR), then the link still redirects but records nothing", async () => {
    h = createApiHarness({ publicUrl });
    const [ann] = seedBotUsers(h, [{ first_name: "Ann" }]);
    if (!ann) throw new Error("no user");
    const path = pathOf(tracker().wrap(target, ann.id));
    await h.get(path);
    expect(clicks()).toHaveLength(1);
    expect(deleteUserData(h.services, { kind: "system", label: "test" }, ann.id)).toBe(true);
    expect(clicks()).toEqual([]);

    const answer = await h.get(path);
    expect(answer.status).toBe(302);
    expect(answer.headers.get("location")).toBe(target);
    expect(clicks()).toEqual([]);
    expect(h.services.db.select().from(users).all()).toEqual([]);
  });

  it("when a link checker sends HEAD, then it gets the redirect and no click is recorded", async () => {
    h = createApiHarness({ publicUrl });
    const [ann] = seedBotUsers(h, [{ first_name: "Ann" }]);
    if (!ann) throw new Error("no user");
    const answer = await h.call("HEAD", pathOf(tracker().wrap(target, ann.id)));
    expect(answer.status).toBe(302);
    expect(answer.headers.get("location")).toBe(target);
    expect(clicks()).toEqual([]);
    expect(clickCount(ann.id)).toBe(0);
  });

  it("when the server restarts, then its key is the stored one and old links still work; another database has another key", async () => {
    h = createApiHarness({ publicUrl });
    const [ann] = seedBotUsers(h, [{ first_name: "Ann" }]);
    if (!ann) throw new Error("no user");
    const link = tracker().wrap(target, ann.id);
    const keys = h.services.db.select().from(serverSecrets).all();
    expect(keys).toHaveLength(1);
    expect(storedKey()).toHaveLength(32);

    const restarted = new LinkTracker(h.services.db, { publicUrl, now: h.clock.now });
    expect(restarted.follow(pathOf(link).slice("/c/".length))).toEqual({
      url: target,
      userId: ann.id,
      recorded: true,
    });
    expect(restarted.wrap(target, ann.id)).toBe(link);
    expect(h.services.db.select().from(serverSecrets).all()).toEqual(keys);

    const elsewhere = createApiHarness({ publicUrl });
    try {
      seedBotUsers(elsewhere, [{ id: ann.id, first_name: "Ann" }]);
      elsewhere.services.links?.wrap(target, ann.id);
      const answer = await elsewhere.get(pathOf(link));
      expect(answer.status).toBe(404);
    } finally {
      elsewhere.close();
    }
  });

  it("when a tg:// link is wrapped, then it stays as it is (only http(s) goes through the redirect)", () => {
    h = createApiHarness({ publicUrl });
    expect(tracker().wrap("tg://resolve?domain=example", 1)).toBe("tg://resolve?domain=example");
    expect(h.services.db.select().from(trackedLinks).all()).toEqual([]);
  });

  it("when PUBLIC_URL is not set, then there is no tracker and /c/ answers 404 not_found", async () => {
    h = createApiHarness();
    expect(h.services.links).toBeUndefined();
    const answer = await h.get("/c/1.1.AAAAAAAAAAAAAAAAAAAAAA");
    expect(answer.status).toBe(404);
    expect(answer.json.error.code).toBe("not_found");
  });

  it("when the OpenAPI document is read, then it describes the redirect without bearer security", async () => {
    h = createApiHarness({ publicUrl });
    const document = (await h.get("/api/openapi.json", { token: null })).json;
    const operation = document.paths["/c/{token}"]?.get;
    expect(operation).toMatchObject({
      tags: ["Click tracking"],
      parameters: [expect.objectContaining({ name: "token", in: "path", required: true })],
      responses: { 302: expect.any(Object), 404: expect.any(Object), 429: expect.any(Object) },
    });
    expect(operation.security).toBeUndefined();
  });
});
