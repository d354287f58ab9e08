import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type ApiHarness, createApiHarness } from "../support/http-harness.js";

let h: ApiHarness;
let root: string;
afterEach(() => {
  h?.close();
  rmSync(root, { recursive: true, force: true });
});

const indexHtml =
  '<!doctype html><title>Usher</title><script type="module" src="assets/main-5XJ3KQ2A.js"></script>';
const script = "console.log('the app');";

/** A built app in a fresh directory, with a secret next to it that must never be served. */
function builtApp(): string {
  root = mkdtempSync(join(tmpdir(), "usher-app-"));
  const dir = join(root, "app");
  mkdirSync(join(dir, "assets", "fonts"), { recursive: true });
  writeFileSync(join(dir, "index.html"), indexHtml);
  writeFileSync(join(dir, "assets", "main-5XJ3KQ2A.js"), script);
  writeFileSync(join(dir, "assets", "main-5XJ3KQ2A.css"), "body{margin:0}");
  writeFileSync(join(dir, "assets", "fonts", "inter-7ABCDEF2.woff2"), "wOF2");
  writeFileSync(join(dir, "assets", "notes.txt"), "not hashed");
  writeFileSync(join(root, "secret.txt"), "the bot token");
  symlinkSync(join(root, "secret.txt"), join(dir, "assets", "leak-AAAAAAAA.js"));
  return dir;
}

const page = (path: string, headers?: Record<string, string>) =>
  h.get(path, { token: null, ...(headers && { headers }) });

describe("the Mini App's static files", () => {
  it("when /app/ is asked, then index.html comes back as HTML, revalidated every time, framable by Telegram only", async () => {
    h = createApiHarness({ http: { appDir: builtApp() } });
    const answer = await page("/app/");
    expect(answer.status).toBe(200);
    expect(answer.text).toBe(indexHtml);
    expect(answer.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(answer.headers.get("cache-control")).toBe("no-cache");
    const policy = answer.headers.get("content-security-policy") ?? "";
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("frame-ancestors https://web.telegram.org https://*.telegram.org");
    expect(answer.headers.get("x-frame-options")).toBeNull();
    expect(answer.headers.get("x-content-type-options")).toBe("nosniff");

    const again = await page("/app/", { "if-none-match": answer.headers.get("etag") ?? "" });
    expect(again.status).toBe(304);
    expect(again.text).toBe("");
  });

  it("when /app is asked without its slash, then it is sent to /app/ (the page's asset paths are relative), query kept", async () => {
    h = createApiHarness({ http: { appDir: builtApp() } });
    const answer = await page("/app?startapp=users");
    expect(answer.status).toBe(308);
    expect(answer.headers.get("location")).toBe("/app/?startapp=users");
  });

  it("when a hashed asset is asked, then it comes with its type and a year's immutable cache; an unhashed one is revalidated", async () => {
    h = createApiHarness({ http: { appDir: builtApp() } });
    const js = await page("/app/assets/main-5XJ3KQ2A.js");
    expect(js.status).toBe(200);
    expect(js.text).toBe(script);
    expect(js.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(js.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const css = await page("/app/assets/main-5XJ3KQ2A.css");
    expect(css.headers.get("content-type")).toBe("text/css; charset=utf-8");
    const font = await page("/app/assets/fonts/inter-7ABCDEF2.woff2");
    expect(font.status).toBe(200);
    expect(font.headers.get("content-type")).toBe("font/woff2");
    const notes = await page("/app/assets/notes.txt");
    expect(notes.status).toBe(200);
    expect(notes.headers.get("cache-control")).toBe("no-cache");
  });

  it("when a path climbs out of the assets, however encoded, then nothing outside is served", async () => {
    h = createApiHarness({ http: { appDir: builtApp() } });
    const attempts = [
      "/app/assets/../../secret.txt",
      "/app/assets/%2e%2e/%2e%2e/secret.txt",
      "/app/assets/%2E%2E/%2E%2E/secret.txt",
      "/app/assets/..%2f..%2fsecret.txt",
      "/app/assets/..%2F..%2Fsecret.txt",
      "/app/assets/%2e%2e%2f%2e%2e%2fsecret.txt",
      "/app/assets/%252e%252e/%252e%252e/secret.txt",
      "/app/assets/..%5c..%5csecret.txt",
      "/app/assets/fonts/..%2f..%2f..%2fsecret.txt",
      "/app/assets/.%2e/.%2e/secret.txt",
      "/app/assets/%2fetc%2fpasswd",
      "/app/assets/main-5XJ3KQ2A.js%00.png",
      "/app/assets/%c0%ae%c0%ae/secret.txt",
      // A link inside the assets that points out of them.
      "/app/assets/leak-AAAAAAAA.js",
    ];
    for (const path of attempts) {
      const answer = await page(path);
      expect(answer.text, path).not.toContain("the bot token");
      expect(answer.status, path).toBe(404);
      expect(answer.json?.error?.code, path).toEqual(expect.any(String));
    }
  });

  it("when an asset does not exist, then 404 in the error shape", async () => {
    h = createApiHarness({ http: { appDir: builtApp() } });
    const answer = await page("/app/assets/missing-ABCDEFGH.js");
    expect(answer.status).toBe(404);
    expect(answer.json).toEqual({ error: { code: "not_found", message: expect.any(String) } });
    expect(answer.headers.get("cache-control")).toBeNull();
  });

  it("when the app was never built, then /app/ and its assets say so with a 404", async () => {
    root = mkdtempSync(join(tmpdir(), "usher-app-"));
    h = createApiHarness({ http: { appDir: join(root, "no-such-build") } });
    for (const path of ["/app/", "/app/assets/main-5XJ3KQ2A.js"]) {
      const answer = await page(path);
      expect(answer.status, path).toBe(404);
      expect(answer.json.error.code, path).toBe("app_not_built");
      expect(answer.json.error.message, path).toMatch(/npm run build/);
    }
  });
});
