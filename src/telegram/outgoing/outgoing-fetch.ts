import type { ApiClientOptions } from "grammy";
import nodeFetch from "node-fetch";
import { type OutgoingBudget, OutgoingDropped } from "./budget.js";
import { callKindOf } from "./calls.js";
import { currentCallScope, priorityOf } from "./priority.js";

type Fetch = NonNullable<ApiClientOptions["fetch"]>;
type FetchInit = NonNullable<Parameters<Fetch>[1]>;

export interface OutgoingFetchOptions {
  /** What sends (tests pass the double's); node-fetch otherwise. */
  fetch?: Fetch;
  /**
   * The commit of the writes made so far, when one is still to come (src/db/group-commit.ts): a
   * message waits for it, so nothing reaches Telegram about a write that could still be lost.
   */
  committed?: () => Promise<void> | undefined;
}

/**
 * grammY's `client.fetch` drawing every call from the budget. It sends with node-fetch, as grammY
 * does on Node by default: Node's built-in fetch (undici, web streams) cost a third more CPU per update
 * in the gate bench. At the client, not as an API
 * transformer: conversations build their own Api from the client options (transformers on
 * bot.api do not reach them), and below their replay, so a replayed call costs no turn.
 */
export function outgoingFetch(budget: OutgoingBudget, options: OutgoingFetchOptions = {}): Fetch {
  const { fetch = nodeFetch as unknown as Fetch, committed } = options;
  return (async (input: Parameters<Fetch>[0], init?: FetchInit) => {
    // Before the first await: the scope is only there while the caller's transformers run.
    const scope = currentCallScope();
    const method = methodOf(input);
    const kind = callKindOf(method);
    const commit = kind === "read" ? undefined : committed?.();
    if (commit !== undefined) {
      const failure = await commit.then(
        () => undefined,
        (error: unknown) => error ?? new Error("commit failed"),
      );
      if (failure !== undefined) return notCommitted(failure);
    }
    if (kind === "read") {
      const response = await fetch(input, init);
      if (response.status === 429) budget.countReadFloodWait(await retryAfterOf(response.clone()));
      return response;
    }
    // Read once, so that it can be sent again after a 429 (an upload arrives as a stream).
    const body = await replayable(init?.body);
    const chatId = kind === "message" ? chatIdOf(body) : undefined;
    const priority = priorityOf(scope, chatId);
    const signal = (init?.signal ?? undefined) as AbortSignal | undefined;
    const since = budget.now();
    for (let again = false; ; again = true) {
      try {
        if (kind === "write") await budget.pauseOver({ priority, since, ...(signal && { signal }) });
        else if (!(await budget.take({ priority, chatId, signal, ...(again && { since }) }))) {
          throw signal?.reason ?? new Error(`${method} was aborted`);
        }
      } catch (error) {
        if (error instanceof OutgoingDropped) return dropped(error);
        throw error;
      }
      const response = await fetch(input, { ...init, body } as FetchInit);
      if (response.status !== 429) return response;
      budget.pushBack(await retryAfterOf(response), chatId);
    }
  }) as Fetch;
}

/** The method is the last part of the URL grammY builds: `<root>/bot<token>/<method>`. */
function methodOf(input: Parameters<Fetch>[0]): string {
  const url = typeof input === "string" ? input : "url" in input ? input.url : String(input);
  // Without parsing a URL on every call: grammY's URLs carry no query or fragment.
  const end = url.search(/[?#]/);
  const path = end === -1 ? url : url.slice(0, end);
  return path.slice(path.lastIndexOf("/") + 1);
}

async function replayable(body: unknown): Promise<unknown> {
  if (body === undefined || body === null || typeof body === "string" || body instanceof Uint8Array) {
    return body;
  }
  if (typeof body === "object" && Symbol.asyncIterator in body) {
    const chunks: Buffer[] = [];
    for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(Buffer.from(chunk));
    return Buffer.concat(chunks);
  }
  return body;
}

/** The chat a JSON or multipart body names (grammY writes plain fields before any file). */
function chatIdOf(body: unknown): number | undefined {
  if (typeof body === "string") {
    const chatId = (JSON.parse(body) as { chat_id?: unknown }).chat_id;
    return typeof chatId === "number" ? chatId : undefined;
  }
  if (body instanceof Uint8Array) {
    const head = Buffer.from(body.buffer, body.byteOffset, Math.min(body.byteLength, 4096)).toString(
      "latin1",
    );
    const field = /name="chat_id"\r\n\r\n(-?\d+)/.exec(head);
    return field ? Number(field[1]) : undefined;
  }
  return undefined;
}

async function retryAfterOf(response: Response): Promise<number> {
  const answer = (await response.json().catch(() => undefined)) as
    | { parameters?: { retry_after?: number } }
    | undefined;
  return answer?.parameters?.retry_after ?? 1;
}

/**
 * What the caller gets when the writes a call follows failed to commit: a Bot API refusal (a network
 * error would be retried and send what was rolled back).
 */
function notCommitted(error: unknown): Response {
  const reason = error instanceof Error ? error.message : String(error);
  const answer = {
    ok: false,
    error_code: 400,
    description: `Bad Request: not sent, the writes it follows failed to commit (${reason})`,
  };
  return new Response(JSON.stringify(answer), {
    status: 400,
    headers: { "content-type": "application/json" },
  });
}

/** What the caller gets for a dropped message: a Bot API error it can read, counted already. */
function dropped(error: OutgoingDropped): Response {
  const answer = { ok: false, error_code: 429, description: `Too Many Requests: ${error.message}` };
  return new Response(JSON.stringify(answer), {
    status: 429,
    headers: { "content-type": "application/json" },
  });
}
