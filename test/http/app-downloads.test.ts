import { afterEach, describe, expect, it } from "vitest";
import { addAdmin, removeAdmin } from "../../src/features/admins/admin-rights.js";
import { AppDownloads } from "../../src/features/app/app-downloads.js";
import { cliActor } from "../../src/features/audit/audit-log.js";
import { ownerId } from "../support/bot-harness.js";
import { type ApiHarness, appSessionOf, createApiHarness } from "../support/http-harness.js";
import { insertUser } from "../support/user-factory.js";

let h: ApiHarness;
afterEach(() => h?.close());

const owner = { id: ownerId, first_name: "Owner" };

/** The path of a minted link, to call in-process (the harness has no network). */
const pathOf = (url: string) => new URL(url, "http://localhost").pathname;

async function setUp(options: { publicUrl?: string } = {}) {
  h = createApiHarness(options);
  insertUser(h.services.db, { id: 1, firstName: "Ann" }, h.clock.now());
  insertUser(h.services.db, { id: 2, firstName: "Bob" }, h.clock.now());
  h.services.users.addTag(1, "vip", h.clock.now());
  return appSessionOf(h, owner);
}

describe("download links for Telegram's file download", () => {
  it("when an admin mints a CSV link, then fetching it with no header serves what the session route serves, audited as the admin", async () => {
    const token = await setUp({ publicUrl: "https://bot.example.com" });
    const minted = await h.post("/app/api/downloads", {
      token,
      body: { kind: "users_csv", segment: "tag:vip" },
    });
    expect(minted.status, minted.text).toBe(200);
    expect(minted.json.url).toMatch(/^https:\/\/bot\.example\.com\/app\/download\/[\w-]+\.[0-9a-f]{64}$/);
    expect(minted.json.file_name).toBe(`users-${h.clock.now().toISOString().slice(0, 10)}.csv`);
    expect(new Date(minted.json.expires_at).getTime() - h.clock.now().getTime()).toBe(60_000);

    const audited = h.services.audit.count();
    const file = await h.get(pathOf(minted.json.url), { token: null });
    expect(file.status, file.text).toBe(200);
    expect(file.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(file.headers.get("content-disposition")).toBe(`attachment; filename="${minted.json.file_name}"`);
    const [entry] = h.services.audit.recent(1);
    expect(h.services.audit.count()).toBe(audited + 1);
    expect(entry).toMatchObject({ action: "users.export", actorId: ownerId });

    const viaSession = await h.get("/app/api/users.csv?q=tag%3Avip", { token });
    expect(file.text).toBe(viaSession.text);
    expect(file.text).toContain("Ann");
    expect(file.text).not.toContain("Bob");
  });

  it("when an admin mints a GDPR export link, then it serves the user's JSON as an attachment, audited as the admin", async () => {
    const token = await setUp();
    const minted = await h.post("/app/api/downloads", { token, body: { kind: "user_export", user_id: 1 } });
    expect(minted.status, minted.text).toBe(200);
    // Without PUBLIC_URL, the link is on the origin the app called.
    expect(minted.json.url).toMatch(/^http:\/\/localhost\/app\/download\//);
    expect(minted.json.file_name).toBe("user-1.json");
    const file = await h.get(pathOf(minted.json.url), { token: null });
    expect(file.status, file.text).toBe(200);
    expect(file.headers.get("content-disposition")).toBe('attachment; filename="user-1.json"');
    expect(h.services.audit.recent(1)[0]).toMatchObject({
      action: "users.export",
      actorId: ownerId,
      after: { userId: 1 },
    });
    const viaSession = await h.get("/app/api/users/1/export", { token });
    // The same document; the session's call sees one more audited export in it.
    expect({ ...file.json, audit: [] }).toEqual({ ...viaSession.json, audit: [] });
    expect(viaSession.json.audit).toHaveLength(file.json.audit.length + 1);
    expect(JSON.stringify(file.json)).toContain("Ann");
  });

  it("when a link is past its minute, tampered with, or not a download token, then it answers 401", async () => {
    const token = await setUp();
    const minted = await h.post("/app/api/downloads", { token, body: { kind: "user_export", user_id: 1 } });
    const path = pathOf(minted.json.url);
    const [body, signature] = path.slice("/app/download/".length).split(".") as [string, string];
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(body, "base64url").toString()), v: 2 }),
    ).toString("base64url");
    const otherBot = new AppDownloads("123:another-bot", h.clock.now).issue(ownerId, {
      kind: "user_export",
      userId: 1,
    }).token;
    for (const [wrong, code] of [
      [`/app/download/${forged}.${signature}`, "invalid_download"],
      [`/app/download/${body}.${"0".repeat(64)}`, "invalid_download"],
      [`/app/download/${otherBot}`, "invalid_download"],
      // A session token is no download link.
      [`/app/download/${token}`, "invalid_download"],
    ] as const) {
      const answer = await h.get(wrong, { token: null });
      expect(answer.status, wrong).toBe(401);
      expect(answer.json.error.code).toBe(code);
    }
    // Nor is a download token a session.
    const asSession = await h.get("/app/api/me", { token: path.slice("/app/download/".length) });
    expect(asSession.status).toBe(401);

    h.clock.advance(60_000);
    const expired = await h.get(path, { token: null });
    expect(expired.status).toBe(401);
    expect(expired.json.error.code).toBe("expired_download");
  });

  it("when the user is deleted before the link is fetched, then it answers the session route's 404", async () => {
    const token = await setUp();
    const minted = await h.post("/app/api/downloads", { token, body: { kind: "user_export", user_id: 2 } });
    expect((await h.delete("/app/api/users/2", { token })).status).toBe(204);
    const answer = await h.get(pathOf(minted.json.url), { token: null });
    expect(answer.status).toBe(404);
    expect(answer.json.error.code).toBe("not_found");
  });

  it("when the admin loses their rights after minting, then the link answers 403", async () => {
    h = createApiHarness();
    insertUser(h.services.db, { id: 1, firstName: "Ann" }, h.clock.now());
    addAdmin(h.services, cliActor, 5151);
    const token = await appSessionOf(h, { id: 5151, first_name: "Ada" });
    const minted = await h.post("/app/api/downloads", { token, body: { kind: "users_csv" } });
    expect(minted.status, minted.text).toBe(200);
    removeAdmin(h.services, cliActor, 5151);
    const answer = await h.get(pathOf(minted.json.url), { token: null });
    expect(answer.status).toBe(403);
    expect(answer.json.error.code).toBe("not_admin");
  });

  it("when there is no session, or its user is no admin, then no link is minted", async () => {
    h = createApiHarness();
    addAdmin(h.services, cliActor, 5151);
    const token = await appSessionOf(h, { id: 5151, first_name: "Ada" });
    removeAdmin(h.services, cliActor, 5151);
    const body = { kind: "users_csv", segment: "" };
    const noAdmin = await h.post("/app/api/downloads", { token, body });
    expect(noAdmin.status).toBe(403);
    const noSession = await h.post("/app/api/downloads", { token: null, body });
    expect(noSession.status).toBe(401);
  });

  it("when the body names no known download or a broken segment, then it answers 400", async () => {
    const token = await setUp();
    const unknown = await h.post("/app/api/downloads", { token, body: { kind: "mailing", id: 1 } });
    expect(unknown.status).toBe(400);
    const broken = await h.post("/app/api/downloads", {
      token,
      body: { kind: "users_csv", segment: "tag:" },
    });
    expect(broken.status).toBe(400);
    expect(broken.json.error.code).toBe("invalid_segment");
  });
});
