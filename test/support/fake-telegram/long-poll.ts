import type { Update } from "grammy/types";
import { ApiError } from "./errors.js";
import { optArray, optInt } from "./params.js";
import type { Params } from "./types.js";

/** The part of AbortSignal we need; grammY passes a polyfilled signal in-process. */
export interface AbortSignalLike {
  readonly aborted: boolean;
  addEventListener(type: "abort", listener: () => void): void;
  removeEventListener(type: "abort", listener: () => void): void;
}

type WakeReason = "update" | "timeout" | "aborted" | "closed" | "conflict";

interface Poller {
  wake: (reason: WakeReason) => void;
  conflicted: boolean;
}

/** Telegram leaves these out unless allowed_updates asks for them. */
const OFF_BY_DEFAULT = new Set(["chat_member", "message_reaction", "message_reaction_count"]);

const updateType = (update: Update) => Object.keys(update).find((key) => key !== "update_id") ?? "";

/** The update queue behind getUpdates, with Telegram's offset, limit and long-poll semantics. */
export class UpdatePolling {
  private queue: Update[] = [];
  private readonly pollers = new Set<Poller>();
  private allowed: string[] = [];
  private readonly enqueueListeners = new Set<() => void>();

  /** The allowed_updates last given to getUpdates (an empty list means Telegram's default). */
  get allowedUpdates(): readonly string[] {
    return this.allowed;
  }

  enqueue(updates: Update[]): void {
    this.queue.push(...updates);
    for (const poller of this.pollers) poller.wake("update");
    for (const listener of this.enqueueListeners) listener();
  }

  /** Called after each enqueue (the webhook pusher starts sending). */
  onEnqueue(listener: () => void): void {
    this.enqueueListeners.add(listener);
  }

  /** Telegram keeps one allowed_updates for getUpdates and setWebhook alike. */
  setAllowedUpdates(allowed: readonly unknown[]): void {
    this.allowed = allowed.map(String);
  }

  /** The updates the bot wants, oldest first, not taken off the queue (the webhook sends each until it is accepted). */
  wanted(): Update[] {
    return this.take(this.queue.length);
  }

  /** Takes one delivered update off the queue. */
  remove(updateId: number): void {
    this.queue = this.queue.filter((update) => update.update_id !== updateId);
  }

  pending(): Update[] {
    return [...this.queue];
  }

  dropPending(): void {
    this.queue = [];
  }

  /** Answers every waiting long poll now (with what is queued, usually nothing). */
  releaseAll(): void {
    for (const poller of this.pollers) poller.wake("closed");
  }

  async getUpdates(params: Params, signal?: AbortSignalLike): Promise<Update[]> {
    const offset = optInt(params, "offset");
    const limit = Math.min(100, Math.max(1, optInt(params, "limit") ?? 100));
    const timeoutMs = Math.max(0, optInt(params, "timeout") ?? 0) * 1000;
    const allowed = optArray(params, "allowed_updates");
    if (allowed !== undefined) this.setAllowedUpdates(allowed);
    if (offset !== undefined) this.confirm(offset);

    const ready = this.take(limit);
    if (ready.length > 0 || timeoutMs === 0) return ready;

    // Telegram terminates the older of two concurrent long polls.
    for (const other of this.pollers) {
      other.conflicted = true;
      other.wake("conflict");
    }
    const poller: Poller = { wake: () => {}, conflicted: false };
    this.pollers.add(poller);
    const deadline = Date.now() + timeoutMs;
    try {
      for (;;) {
        const reason = await this.wait(poller, deadline - Date.now(), signal);
        if (poller.conflicted) {
          throw new ApiError(
            409,
            "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
          );
        }
        const batch = this.take(limit);
        // An update that was filtered out does not end the poll early.
        if (batch.length > 0 || reason !== "update") return batch;
      }
    } finally {
      this.pollers.delete(poller);
    }
  }

  private wait(poller: Poller, ms: number, signal: AbortSignalLike | undefined): Promise<WakeReason> {
    return new Promise((resolve) => {
      if (poller.conflicted) return resolve("conflict");
      if (signal?.aborted === true) return resolve("aborted");
      const done = (reason: WakeReason) => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        poller.wake = () => {};
        resolve(reason);
      };
      const onAbort = () => done("aborted");
      const timer = setTimeout(() => done("timeout"), Math.max(0, ms));
      signal?.addEventListener("abort", onAbort);
      poller.wake = done;
    });
  }

  private confirm(offset: number): void {
    this.queue = offset < 0 ? this.queue.slice(offset) : this.queue.filter((u) => u.update_id >= offset);
  }

  private take(limit: number): Update[] {
    this.queue = this.queue.filter((update) => this.isAllowed(updateType(update)));
    return this.queue.slice(0, limit);
  }

  private isAllowed(type: string): boolean {
    return this.allowed.length === 0 ? !OFF_BY_DEFAULT.has(type) : this.allowed.includes(type);
  }
}
