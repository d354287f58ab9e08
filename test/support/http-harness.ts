import { pino } from "pino";
import { createAppKeys } from "../../src/features/app/open-session.js";
import { createHttpApp, type HttpDeps } from "../../src/http/app.js";
import type { OperationsDeps } from "../../src/http/operations.js";
import { createMetrics } from "../../src/metrics/metrics.js";
import { createHarness, type HarnessOptions } from "./bot-harness.js";
import { type InitDataUserJson, signedInitData } from "./init-data.js";

export const apiToken = "test-api-token-0123456789";

export interface ApiHarnessOptions extends HarnessOptions {
  /** Replaces parts of what the HTTP app is built with (apiToken: null turns the API off). */
  http?: Partial<Omit<HttpDeps, "apiToken" | "operations">> & {
    apiToken?: string | null;
    /** Merged over the defaults: this database, polling that runs, the harness's metrics. */
    operations?: Partial<OperationsDeps>;
  };
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
  const { apiToken: tokenOption, operations, ...overrides } = options.http ?? {};
  // Without process metrics: many harnesses in one test process, and tests read only Usher's own.
  const metrics = createMetrics({ db: h.database.db, processMetrics: false });
  const build = () =>
    createHttpApp({
      services: h.services,
      telegram: h.bot.api,
      fileFetch: (url: string) => h.fake.fetch(url),
      logger: pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }),
      ...(tokenOption !== null && { apiToken: tokenOption ?? apiToken }),
      operations: {
        db: h.services.db,
        updates: { mode: "polling", isRunning: () => true },
        metrics,
        ...operations,
      },
      ...(h.services.links && { clicks: { links: h.services.links } }),
      app: createAppKeys(h.fake.token, h.clock.now),
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
    /** What /metrics serves; give it to a bot or engine built in the test to count through it. */
    metrics,
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

/** A Mini App session's token for `user`, opened as the app opens one: initData signed now for the fake's bot. */
export async function appSessionOf(h: ApiHarness, user: InitDataUserJson): Promise<string> {
  const opened = await h.post("/app/api/session", {
    token: null,
    body: { init_data: signedInitData(h.fake.token, user, h.clock.now()) },
  });
  if (opened.status !== 200)
    throw new Error(`no session for ${user.id}: ${opened.status} ${JSON.stringify(opened.json)}`);
  return opened.json.token;
}
