import type { Session } from "./api-types.js";

/** A refusal of /app/api: its status and the `error` body every route answers with. */
export class ApiFailure extends Error {
  override name = "ApiFailure";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Array<{ path: string; message: string }> = [],
  ) {
    super(message);
  }
}

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export interface AppClientOptions {
  /** Telegram's signed initData, exchanged for a session. */
  initData: string;
  /** Where /app/api is; the page's own origin by default. */
  base?: string;
  fetch?: Fetch;
}

async function failureOf(response: Response): Promise<ApiFailure> {
  const body = (await response.json().catch(() => undefined)) as
    | { error?: { code?: string; message?: string; details?: Array<{ path: string; message: string }> } }
    | undefined;
  const error = body?.error;
  return new ApiFailure(
    response.status,
    error?.code ?? "http_error",
    error?.message ?? `HTTP ${response.status}`,
    error?.details,
  );
}

/**
 * The Mini App's client of /app/api: opens a session with initData, keeps its token in memory only,
 * sends it as a bearer token, and opens a new session once when a call finds it expired.
 */
export function createAppClient(options: AppClientOptions) {
  const base = options.base ?? "/app/api";
  const fetchOf: Fetch = options.fetch ?? ((input, init) => fetch(input, init));
  // No answer at all (offline, the server down, a proxy cutting the line) is a refusal of its own.
  const send: Fetch = (input, init) =>
    fetchOf(input, init).catch((error: unknown) => {
      throw new ApiFailure(0, "network", error instanceof Error ? error.message : String(error));
    });
  let session: Promise<Session> | undefined;

  function openSession(): Promise<Session> {
    const opening = (async () => {
      const response = await send(`${base}/session`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ init_data: options.initData }),
      });
      if (!response.ok) throw await failureOf(response);
      return (await response.json()) as Session;
    })();
    // A failed opening is not kept: the next call tries again.
    opening.catch(() => {
      if (session === opening) session = undefined;
    });
    session = opening;
    return opening;
  }

  async function call(method: string, path: string, body?: unknown): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      const current = session ?? openSession();
      const { token } = await current;
      const headers: Record<string, string> = { authorization: `Bearer ${token}` };
      if (body !== undefined) headers["content-type"] = "application/json";
      const response = await send(`${base}${path}`, {
        method,
        headers,
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      if (response.ok) return response;
      // An hour's session ran out (or the server's keys changed): Telegram's initData opens another.
      if (response.status === 401 && attempt === 0) {
        if (session === current) session = undefined;
        continue;
      }
      throw await failureOf(response);
    }
  }

  async function json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await call(method, path, body);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  return {
    /** The session (opened on first use): its admin. */
    session: () => session ?? openSession(),
    get: <T>(path: string) => json<T>("GET", path),
    post: <T>(path: string, body?: unknown) => json<T>("POST", path, body),
    patch: <T>(path: string, body?: unknown) => json<T>("PATCH", path, body),
    delete: <T>(path: string) => json<T>("DELETE", path),
    /** A file the API serves (CSV, JSON download), as a Blob with the name the server gives it. */
    async download(path: string, fallbackName: string): Promise<{ blob: Blob; name: string }> {
      const response = await call("GET", path);
      const disposition = response.headers.get("content-disposition") ?? "";
      const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName;
      return { blob: await response.blob(), name };
    },
  };
}

/** The client the screens share. */
export type AppClient = ReturnType<typeof createAppClient>;

/** A query string of the set values, e.g. `?q=tag%3Avip&limit=50`. */
export function queryOf(values: Record<string, string | number | boolean | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const text = params.toString();
  return text === "" ? "" : `?${text}`;
}
