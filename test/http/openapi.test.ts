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
    expect([...served].filter((route) => !documented.has(route))).toEqual([]);
    expect([...documented].filter((route) => !served.has(route))).toEqual([]);
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
});
