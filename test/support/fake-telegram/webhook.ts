import type { Update, WebhookInfo } from "grammy/types";
import { badRequest } from "./errors.js";
import type { UpdatePolling } from "./long-poll.js";
import { optArray, optString } from "./params.js";
import type { Params } from "./types.js";

/** One POST of an update to the webhook, as the fake saw it answered. */
export interface WebhookAttempt {
  updateId: number;
  /** Clock time (ms). */
  at: number;
  ok: boolean;
  /** The HTTP status, absent when the connection failed or timed out. */
  status?: number;
  error?: string;
}

export interface WebhookOptions {
  /** First wait after a failed POST, doubled per failure up to 1 s (Telegram waits longer). */
  retryMs?: number;
  /** How long a POST may take before it counts as failed. */
  timeoutMs?: number;
  /**
   * POSTs at once, as setWebhook's max_connections (default 1: strictly in order, a failing update
   * holds back the rest). A chat's updates still go one at a time, in order.
   */
  connections?: number;
}

const loopbackHosts = new Set(["127.0.0.1", "localhost", "[::1]"]);
const httpsPorts = new Set(["", "80", "88", "443", "8443"]);
const secretPattern = /^[A-Za-z0-9_-]{1,256}$/;

/** Real Telegram takes only https URLs; plain http is let through for loopback hosts, as tests have no TLS. */
function checkWebhookUrl(raw: string): void {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw badRequest("bad webhook: An HTTPS URL must be provided for webhook");
  }
  const loopbackHttp = url.protocol === "http:" && loopbackHosts.has(url.hostname);
  if (url.protocol !== "https:" && !loopbackHttp) {
    throw badRequest("bad webhook: An HTTPS URL must be provided for webhook");
  }
  if (url.protocol === "https:" && !httpsPorts.has(url.port)) {
    throw badRequest("bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443");
  }
}

function connectionError(error: unknown): string {
  if (error instanceof DOMException && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return "Read timeout expired";
  }
  const code = (error as { cause?: { code?: string } }).cause?.code;
  return code === "ECONNREFUSED" ? "Connection refused" : `Connection failed: ${String(error)}`;
}

/** Whose updates must not overtake one another: the sender's, else the chat's. */
function orderKey(update: Update): number | undefined {
  const body = Object.values(update).find((value) => typeof value === "object") as
    | { from?: { id: number }; chat?: { id: number }; user?: { id: number } }
    | undefined;
  return body?.from?.id ?? body?.chat?.id ?? body?.user?.id;
}

/**
 * Telegram's webhook side: while a webhook is set, queued updates are POSTed to it as JSON with the
 * secret header, `connections` at a time (a chat's one at a time, in order); an update leaves the
 * queue only on a 2xx answer and is retried after a short backoff otherwise.
 */
export class WebhookPusher {
  /** Every POST, oldest first. */
  readonly attempts: WebhookAttempt[] = [];
  private url = "";
  private secretToken: string | undefined;
  private lastError: { date: number; message: string } | undefined;
  private stopped = false;
  private readonly inFlight = new Set<AbortController>();
  /** Updates being posted or waiting to be retried, and whose they are. */
  private readonly posting = new Set<number>();
  private readonly busy = new Set<number | undefined>();
  private readonly retryMs: number;
  private readonly timeoutMs: number;
  private readonly connections: number;

  constructor(
    private readonly polling: UpdatePolling,
    private readonly now: () => number,
    options: WebhookOptions = {},
  ) {
    this.retryMs = options.retryMs ?? 50;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.connections = options.connections ?? 1;
    polling.onEnqueue(() => this.pump());
  }

  get isSet(): boolean {
    return this.url !== "";
  }

  /** What setWebhook registered (url "" when none). */
  get registration(): { url: string; secretToken: string | undefined } {
    return { url: this.url, secretToken: this.secretToken };
  }

  /** setWebhook: an empty url removes the webhook. */
  set(params: Params): void {
    const url = optString(params, "url") ?? "";
    const secret = optString(params, "secret_token");
    if (url !== "") checkWebhookUrl(url);
    if (secret !== undefined && !secretPattern.test(secret)) {
      throw badRequest("secret token contains unallowed characters");
    }
    const allowed = optArray(params, "allowed_updates");
    if (allowed !== undefined) this.polling.setAllowedUpdates(allowed);
    if (url !== this.url) this.lastError = undefined;
    this.url = url;
    this.secretToken = url === "" ? undefined : secret;
    this.stopped = false;
    this.pump();
  }

  delete(): void {
    this.url = "";
    this.secretToken = undefined;
    this.lastError = undefined;
  }

  info(): WebhookInfo {
    return {
      url: this.url,
      has_custom_certificate: false,
      pending_update_count: this.polling.pending().length,
      ...(this.url !== "" && { max_connections: Math.max(40, this.connections) }),
      ...(this.polling.allowedUpdates.length > 0 && {
        allowed_updates: [...this.polling.allowedUpdates] as WebhookInfo["allowed_updates"],
      }),
      ...(this.lastError && {
        last_error_date: this.lastError.date,
        last_error_message: this.lastError.message,
      }),
    };
  }

  /** Stops pushing (the fake's server is closing) until the next setWebhook; POSTs in flight are abandoned. */
  stop(): void {
    this.stopped = true;
    for (const controller of this.inFlight) controller.abort();
  }

  /** Starts POSTs while a connection is free and an update may go. */
  private pump(): void {
    while (this.url !== "" && !this.stopped && this.posting.size < this.connections) {
      const update = this.next();
      if (update === undefined) return;
      void this.deliver(update);
    }
  }

  private next(): Update | undefined {
    const wanted = this.polling.wanted();
    const candidates = this.connections === 1 ? wanted.slice(0, 1) : wanted;
    return candidates.find((u) => !this.posting.has(u.update_id) && !this.busy.has(orderKey(u)));
  }

  /** POSTs one update until it is accepted (or the webhook is removed or stopped). */
  private async deliver(update: Update): Promise<void> {
    const key = orderKey(update);
    this.posting.add(update.update_id);
    this.busy.add(key);
    try {
      let failures = 0;
      while (this.url !== "" && !this.stopped) {
        if (await this.post(this.url, update)) {
          this.polling.remove(update.update_id);
          return;
        }
        failures += 1;
        const wait = Math.min(1000, this.retryMs * 2 ** (failures - 1));
        // Unref'd: a webhook nobody answers must not keep a test process alive.
        await new Promise((resolve) => setTimeout(resolve, wait).unref());
      }
    } finally {
      this.posting.delete(update.update_id);
      this.busy.delete(key);
      this.pump();
    }
  }

  private async post(url: string, update: Update): Promise<boolean> {
    const controller = new AbortController();
    this.inFlight.add(controller);
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (this.secretToken !== undefined) headers["x-telegram-bot-api-secret-token"] = this.secretToken;
    const attempt: WebhookAttempt = { updateId: update.update_id, at: this.now(), ok: false };
    try {
      const response = await fetch(url, {
        method: "POST",
        headers,
        body: JSON.stringify(update),
        signal: AbortSignal.any([controller.signal, AbortSignal.timeout(this.timeoutMs)]),
      });
      await response.arrayBuffer().catch(() => undefined);
      attempt.status = response.status;
      attempt.ok = response.ok;
      if (!response.ok)
        attempt.error = `Wrong response from the webhook: ${response.status} ${response.statusText}`;
    } catch (error) {
      attempt.error = connectionError(error);
    } finally {
      this.inFlight.delete(controller);
    }
    this.attempts.push(attempt);
    if (attempt.error !== undefined) {
      this.lastError = { date: Math.floor(this.now() / 1000), message: attempt.error };
    }
    return attempt.ok;
  }
}
