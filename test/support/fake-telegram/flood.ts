import type { FloodConfig } from "./types.js";

/** A token bucket refilling continuously; the clock is passed in so tests stay deterministic. */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.updatedAt = now;
  }

  /** Milliseconds until one whole token is available; 0 when one is available now. */
  waitMs(now: number): number {
    this.refill(now);
    return this.tokens >= 1 ? 0 : ((1 - this.tokens) / this.perSecond) * 1000;
  }

  take(now: number): void {
    this.refill(now);
    this.tokens -= 1;
  }

  private refill(now: number): void {
    const elapsed = Math.max(0, now - this.updatedAt);
    this.tokens = Math.min(this.capacity, this.tokens + (elapsed * this.perSecond) / 1000);
    this.updatedAt = now;
  }
}

/** Telegram's sending limits: one global bucket plus one bucket per chat. */
export class FloodControl {
  private global: TokenBucket | undefined;
  private readonly perChat = new Map<string, TokenBucket>();
  private config: FloodConfig | undefined;

  constructor(
    config: FloodConfig | undefined,
    private readonly now: () => number,
  ) {
    this.configure(config);
  }

  configure(config: FloodConfig | undefined): void {
    if (config !== undefined) {
      const perChat = config.perChatPerSecond ?? 1;
      if (!(config.globalPerSecond > 0) || !(perChat > 0)) throw new Error("flood rates must be positive");
    }
    this.config = config;
    this.perChat.clear();
    this.global =
      config === undefined
        ? undefined
        : new TokenBucket(Math.max(1, config.globalPerSecond), config.globalPerSecond, this.now());
  }

  /**
   * Takes a token for a send to `chat` from both buckets, or none at all.
   * Returns undefined when allowed, otherwise the retry_after (whole seconds, at least 1).
   */
  acquire(chat: string): number | undefined {
    if (this.config === undefined || this.global === undefined) return undefined;
    const now = this.now();
    let bucket = this.perChat.get(chat);
    if (bucket === undefined) {
      const rate = this.config.perChatPerSecond ?? 1;
      bucket = new TokenBucket(Math.max(1, rate), rate, now);
      this.perChat.set(chat, bucket);
    }
    const wait = Math.max(this.global.waitMs(now), bucket.waitMs(now));
    if (wait > 0) return Math.max(1, Math.ceil(wait / 1000));
    this.global.take(now);
    bucket.take(now);
    return undefined;
  }
}
