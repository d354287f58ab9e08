import { setTimeout as delay } from "node:timers/promises";

/**
 * Spaces sends evenly at a rate and holds everyone during a flood wait. One instance is the
 * engine's global budget; each mailing has its own at its own rate. A 429 pauses all waiters
 * once: overlapping 429s from calls already in flight do not stack their waits. However late
 * the event loop wakes the waiters, no window of one second holds more grants than the rate.
 */
export class RateLimiter {
  private nextSlotAt = 0;
  private pausedUntil = 0;
  /** The times of the last `rate` grants, oldest first once full (a ring). */
  private grants: number[] = [];
  private oldest = 0;

  constructor(
    private ratePerSecond: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void> = pause,
  ) {}

  setRate(ratePerSecond: number): void {
    if (ratePerSecond === this.ratePerSecond) return;
    this.ratePerSecond = ratePerSecond;
    this.grants = [];
    this.oldest = 0;
  }

  /** Resolves when the caller may send one message, or early once `signal` aborts (a stop). */
  async take(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = this.now();
      // Each caller reserves its own slot, so hundreds of waiters wake once each, not all at every slot.
      const slot = Math.max(now, this.nextSlotAt, this.pausedUntil);
      this.nextSlotAt = slot + 1000 / this.ratePerSecond;
      if (slot > now) await this.sleep(slot - now, signal);
      // After a flood pause everyone takes a new slot, so they leave spaced, not together.
      while (!signal?.aborted && this.now() >= this.pausedUntil) {
        const at = this.now();
        const windowFreesIn = this.windowFreesAt() - at;
        if (windowFreesIn <= 0) {
          this.recordGrant(at);
          return;
        }
        await this.sleep(windowFreesIn, signal);
      }
      if (signal?.aborted) return;
    }
  }

  /** Holds every sender for `seconds`; true when this started (or lengthened) the pause. */
  pauseFor(seconds: number): boolean {
    const until = this.now() + seconds * 1000;
    if (until <= this.pausedUntil) return false;
    this.pausedUntil = until;
    return true;
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
