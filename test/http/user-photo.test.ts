import { afterEach, describe, expect, it } from "vitest";
import { PhotoRepository } from "../../src/features/users/photo-repository.js";
import { type ApiHarness, createApiHarness } from "../support/http-harness.js";
import { seedBotUsers } from "../support/mailing-helpers.js";

let h: ApiHarness;
afterEach(() => h?.close());

const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]);

/** Ann, a bot user whose stored photo is a JPEG the fake serves. */
function annWithPhoto() {
  h = createApiHarness();
  const [ann] = seedBotUsers(h, [{ first_name: "Ann" }]);
  if (!ann) throw new Error("no user");
  const file = h.fake.addFile({ kind: "photo", content: jpeg });
  new PhotoRepository(h.services.db).storeRefreshed(ann.id, file.file_id);
  return { ann, file };
}

describe("GET /api/users/{id}/photo", () => {
  it("when the user has a photo, then its bytes are streamed as image/jpeg and the bot token appears nowhere in the answer", async () => {
    const { ann, file } = annWithPhoto();
    const response = await h.app.request(`/api/users/${ann.id}/photo`, {
      headers: { authorization: "Bearer test-api-token-0123456789" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/jpeg");
    expect(response.headers.get("content-length")).toBe(String(jpeg.byteLength));
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(jpeg);
    expect(h.fake.callsOf("getFile")[0]?.params).toMatchObject({ file_id: file.file_id });
    const headers = JSON.stringify([...response.headers.entries()]);
    expect(headers).not.toContain(h.fake.token);
  });

  it("when the user has no photo, then 404 no_photo; an unknown user 404 not_found; Telegram is not asked", async () => {
    h = createApiHarness();
    const [ann] = seedBotUsers(h, [{ first_name: "Ann" }]);
    const none = await h.get(`/api/users/${ann?.id}/photo`);
    expect(none.status).toBe(404);
    expect(none.json.error.code).toBe("no_photo");
    const unknown = await h.get("/api/users/424242/photo");
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe("not_found");
    expect((await h.get("/api/users/abc/photo")).status).toBe(400);
    expect(h.fake.callsOf("getFile")).toEqual([]);
  });

  it("when called without the API token, then 401 and nothing is downloaded", async () => {
    const { ann } = annWithPhoto();
    expect((await h.get(`/api/users/${ann.id}/photo`, { token: null })).status).toBe(401);
    expect(h.fake.callsOf("getFile")).toEqual([]);
  });

  it("when Telegram refuses the stored file, then 422 telegram_refused; when it asks to wait, then 503 with Retry-After", async () => {
    const { ann } = annWithPhoto();
    new PhotoRepository(h.services.db).storeRefreshed(ann.id, "AgAD-gone");
    const refused = await h.get(`/api/users/${ann.id}/photo`);
    expect(refused.status).toBe(422);
    expect(refused.json.error.code).toBe("telegram_refused");

    h.fake.failNext("getFile", {
      error_code: 429,
      description: "Too Many Requests: retry after 60",
      parameters: { retry_after: 60 },
    });
    const busy = await h.get(`/api/users/${ann.id}/photo`);
    expect(busy.status).toBe(503);
    expect(busy.headers.get("retry-after")).toBe("60");
  });

  it("when the file server fails, then 503 telegram_unavailable, and the answer does not name the token the download used", async () => {
    const downloads: string[] = [];
    h = createApiHarness({
      http: {
        fileFetch: async (url) => {
          downloads.push(url);
          return new Response("bad gateway", { status: 502 });
        },
      },
    });
    const [ann] = seedBotUsers(h, [{ first_name: "Ann" }]);
    const file = h.fake.addFile({ kind: "photo", content: jpeg });
    new PhotoRepository(h.services.db).storeRefreshed(ann?.id as number, file.file_id);
    const down = await h.get(`/api/users/${ann?.id}/photo`);
    expect(down.status).toBe(503);
    expect(down.json.error.code).toBe("telegram_unavailable");
    expect(downloads).toEqual([`http://fake.local/file/bot${h.fake.token}/${file.file_path}`]);
    expect(down.text).not.toContain(h.fake.token);
  });
});
