import { setTimeout as delay } from "node:timers/promises";

/**
 * Spaces one mailing's sends evenly at its own rate (the bot-wide pace and 429 pauses are the
 * outgoing budget's). However late the event loop wakes the waiters, no window of one second
 * holds more grants than the rate.
 */
export class RateLimiter {
  private nextSlotAt = 0;
  /** The times of the last `rate` grants, oldest first once full (a ring). */
  private grants: number[] = [];
  private oldest = 0;

  constructor(
    private readonly ratePerSecond: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void> = pause,
  ) {}

  /** Resolves when the caller may send one message, or early once `signal` aborts (a stop). */
  async take(signal?: AbortSignal): Promise<void> {
    const now = this.now();
    // Each caller reserves its own slot, so hundreds of waiters wake once each, not all at every slot.
    const slot = Math.max(now, this.nextSlotAt);
    this.nextSlotAt = slot + 1000 / this.ratePerSecond;
    if (slot > now) await this.sleep(slot - now, signal);
    while (!signal?.aborted) {
      const at = this.now();
      const windowFreesIn = this.windowFreesAt() - at;
      if (windowFreesIn <= 0) {
        this.recordGrant(at);
        return;
      }
      await this.sleep(windowFreesIn, signal);
    }
  }

  private capacity(): number {
    return Math.max(1, Math.floor(this.ratePerSecond));
  }

  /** When the one-second window has room for one more grant. */
  private windowFreesAt(): number {
    if (this.grants.length < this.capacity()) return Number.NEGATIVE_INFINITY;
    return (this.grants[this.oldest] as number) + 1000;
  }

  private recordGrant(at: number): void {
    if (this.grants.length < this.capacity()) {
      this.grants.push(at);
      return;
    }
    this.grants[this.oldest] = at;
    this.oldest = (this.oldest + 1) % this.grants.length;
  }
}

/** Sleeps `ms`, or less when `signal` aborts first. */
const pause = (ms: number, signal?: AbortSignal) => delay(ms, undefined, { signal }).catch(() => undefined);
