import { pino } from "pino";
import { createHttpApp, type HttpDeps } from "../../src/http/app.js";
import { createHarness, type HarnessOptions } from "./bot-harness.js";

export const apiToken = "test-api-token-0123456789";

export interface ApiHarnessOptions extends HarnessOptions {
  /** Replaces parts of what the HTTP app is built with (apiToken: null turns the API off). */
  http?: Partial<Omit<HttpDeps, "apiToken">> & { apiToken?: string | null };
}

export interface ApiCall {
  /** A JSON body (sent as application/json), or a raw string/bytes with its own content-type header. */
  body?: unknown;
  /** The bearer token; the right one by default, null for none. */
  token?: string | null;
  headers?: Record<string, string>;
}

export interface ApiAnswer {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON came back
  json: any;
}

/** The bot harness plus the HTTP app over the same services, called in-process through app.request. */
export function createApiHarness(options: ApiHarnessOptions = {}) {
  const h = createHarness(options);
  const { apiToken: tokenOption, ...overrides } = options.http ?? {};
  const build = () =>
    createHttpApp({
      services: h.services,
      logger: pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }),
      ...(tokenOption !== null && { apiToken: tokenOption ?? apiToken }),
      operations: {},
      ...overrides,
    });
  let app = build();

  async function call(method: string, path: string, request: ApiCall = {}): Promise<ApiAnswer> {
    const headers = new Headers(request.headers);
    const token = request.token === undefined ? apiToken : request.token;
    if (token !== null) headers.set("authorization", `Bearer ${token}`);
    let body: string | Uint8Array | undefined;
    if (typeof request.body === "string" || request.body instanceof Uint8Array) {
      body = request.body;
    } else if (request.body !== undefined) {
      body = JSON.stringify(request.body);
      if (!headers.has("content-type")) headers.set("content-type", "application/json");
    }
    const response = await app.request(path, { method, headers, ...(body !== undefined && { body }) });
    const text = await response.text();
    let json: unknown;
    try {
      json = text === "" ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json };
  }

  return {
    ...h,
    get services() {
      return h.services;
    },
    get bot() {
      return h.bot;
    },
    get app() {
      return app;
    },
    /** Rebuilds the app over the current services (after h.restart()). */
    rebuildApp() {
      app = build();
    },
    call,
    get: (path: string, request?: ApiCall) => call("GET", path, request),
    post: (path: string, request?: ApiCall) => call("POST", path, request),
    patch: (path: string, request?: ApiCall) => call("PATCH", path, request),
    put: (path: string, request?: ApiCall) => call("PUT", path, request),
    delete: (path: string, request?: ApiCall) => call("DELETE", path, request),
  };
}

export type ApiHarness = ReturnType<typeof createApiHarness>;
