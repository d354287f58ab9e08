import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { type ApiHarness, createApiHarness } from "../support/http-harness.js";

let h: ApiHarness;
afterEach(() => h?.close());

interface Operation {
  security?: Array<Record<string, string[]>>;
  responses: Record<string, unknown>;
}

/** `/users/{id}/notes` → `/users/:id/notes`, Hono's spelling. */
const honoPath = (openApiPath: string) => openApiPath.replace(/\{([^}]+)\}/g, ":$1");
/** A concrete URL for a documented path, with a plausible value for each parameter. */
const samplePath = (openApiPath: string) => openApiPath.replace(/\{[^}]+\}/g, "1");

async function documentOf(harness: ApiHarness) {
  const answer = await harness.get("/api/openapi.json", { token: null });
  expect(answer.status).toBe(200);
  return answer.json as { openapi: string; paths: Record<string, Record<string, Operation>> };
}

function documentedOperations(paths: Record<string, Record<string, Operation>>) {
  return Object.entries(paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({
      path,
      method: method.toUpperCase(),
      operation,
    })),
  );
}

describe("the OpenAPI document", () => {
  it("when fetched without a token, then it is a 3.x document with every route of the app and nothing else", async () => {
    // Click tracking on, so its redirect is among the routes.
    h = createApiHarness({ publicUrl: "https://bot.example.com" });
    const doc = await documentOf(h);
    expect(doc.openapi).toMatch(/^3\./);
    const documented = new Set(documentedOperations(doc.paths).map((o) => `${o.method} ${honoPath(o.path)}`));
    const served = new Set(
      h.app.routes
        .filter((r) => r.method !== "ALL" && r.path !== "/api/openapi.json" && !r.path.endsWith("*"))
        .map((r) => `${r.method} ${r.path}`),
    );
    // The Mini App's door (/app/api, its page) is not the public API's; its own test covers it.
    const publicRoutes = [...served].filter((route) => !/^\w+ \/app(\/|$)/.test(route));
    expect(publicRoutes.filter((route) => !documented.has(route))).toEqual([]);
    expect([...documented].filter((route) => !served.has(route))).toEqual([]);
  });

  it("when the Mini App's door is listed, then it is exactly the documented /api routes under /app/api, its session, its download links, and its page", async () => {
    h = createApiHarness({ publicUrl: "https://bot.example.com" });
    const documentedApi = documentedOperations((await documentOf(h)).paths)
      .filter((o) => o.path.startsWith("/api/"))
      .map((o) => `${o.method} /app${honoPath(o.path)}`);
    const served = new Set(
      h.app.routes
        .filter((r) => r.method !== "ALL" && r.path.startsWith("/app"))
        .map((r) => `${r.method} ${r.path}`),
    );
    const appOwn = [
      "POST /app/api/session",
      "GET /app/api/me",
      "POST /app/api/downloads",
      "GET /app/download/:token",
      "GET /app",
      "GET /app/",
      "GET /app/assets/*",
    ];
    expect([...served].sort()).toEqual([...documentedApi, ...appOwn].sort());
    expect(Object.keys((await documentOf(h)).paths).filter((path) => path.startsWith("/app"))).toEqual([]);
  });

  it("when each documented operation is called, then the app has a route for it (no generic 404)", async () => {
    h = createApiHarness({ publicUrl: "https://bot.example.com" });
    for (const { path, method } of documentedOperations((await documentOf(h)).paths)) {
      const answer = await h.call(method, samplePath(path), { body: method === "GET" ? undefined : {} });
      expect(answer.json?.error?.message ?? "", `${method} ${path}`).not.toMatch(/^No route for/);
    }
  });

  it("when a secured operation is called without a token or with a wrong one, then it answers 401 in the error shape", async () => {
    h = createApiHarness();
    const secured = documentedOperations((await documentOf(h)).paths).filter(
      (o) => o.operation.security?.length,
    );
    expect(secured.length).toBeGreaterThan(0);
    for (const { path, method, operation } of secured) {
      expect(path.startsWith("/api/"), `${method} ${path}`).toBe(true);
      expect(Object.keys(operation.responses), `${method} ${path} documents 401`).toContain("401");
      for (const token of [null, "a-wrong-token-of-some-length"]) {
        const answer = await h.call(method, samplePath(path), {
          token,
          body: method === "GET" ? undefined : {},
        });
        expect(answer.status, `${method} ${path} with ${token ?? "no token"}`).toBe(401);
        expect(answer.json).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
      }
    }
  });

  it("when an operation is under /api, then it is secured", async () => {
    h = createApiHarness();
    const open = documentedOperations((await documentOf(h)).paths).filter(
      (o) => o.path.startsWith("/api/") && !o.operation.security?.length,
    );
    expect(open.map((o) => `${o.method} ${o.path}`)).toEqual([]);
  });

  it("when any operation gets random path values, queries and JSON bodies, then it answers without a 500, in the error shape", async () => {
    h = createApiHarness({ publicUrl: "https://bot.example.com" });
    const operations = documentedOperations((await documentOf(h)).paths);
    const pathValue = fc.oneof(fc.integer().map(String), fc.string({ maxLength: 12 }), fc.constant("1"));
    const query = fc.dictionary(
      fc.constantFrom("q", "limit", "cursor", "offset", "kind", "where", "dry_run", "all", "valid_rows_only"),
      fc.oneof(fc.string({ maxLength: 20 }), fc.integer().map(String), fc.constant("true")),
      { maxKeys: 3 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...operations),
        pathValue,
        query,
        fc.option(fc.jsonValue({ maxDepth: 3 }), { nil: undefined }),
        // Raw text under any of the content types the API reads (CSV import, JSON) or refuses.
        fc.option(
          fc.record({
            text: fc.oneof(fc.string({ maxLength: 200 }), fc.constant("telegram_id,email\n1,a@b.c\n")),
            type: fc.constantFrom("application/json", "text/csv", "application/octet-stream", "text/plain"),
          }),
          { nil: undefined },
        ),
        async (operation, value, params, json, raw) => {
          const path = operation.path.replace(/\{[^}]+\}/g, encodeURIComponent(value));
          const search = new URLSearchParams(params).toString();
          const answer = await h.call(operation.method, `${path}${search ? `?${search}` : ""}`, {
            body: operation.method === "GET" ? undefined : (raw?.text ?? json),
            ...(raw && operation.method !== "GET" && { headers: { "content-type": raw.type } }),
          });
          expect(answer.status, `${operation.method} ${path}?${search}`).toBeLessThan(500);
          if (answer.status >= 400) expect(answer.json?.error?.code).toEqual(expect.any(String));
        },
      ),
      { numRuns: 600 },
    );
  });
});
