import { setTimeout as delay } from "node:timers/promises";

/**
 * Spaces sends evenly at a rate and holds everyone during a flood wait. One instance is the
 * engine's global budget; each mailing has its own at its own rate. A 429 pauses all waiters
 * once: overlapping 429s from calls already in flight do not stack their waits.
 */
export class RateLimiter {
  private nextSlotAt = 0;
  private pausedUntil = 0;
  private lastGrantAt = Number.NEGATIVE_INFINITY;

  constructor(
    private ratePerSecond: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void> = pause,
  ) {}

  setRate(ratePerSecond: number): void {
    this.ratePerSecond = ratePerSecond;
  }

  /** Resolves when the caller may send one message, or early once `signal` aborts (a stop). */
  async take(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = this.now();
      // Each caller reserves its own slot, so hundreds of waiters wake once each, not all at every slot.
      const interval = 1000 / this.ratePerSecond;
      const slot = Math.max(now, this.nextSlotAt, this.pausedUntil);
      this.nextSlotAt = slot + interval;
      if (slot > now) await this.sleep(slot - now, signal);
      if (signal?.aborted) return;
      const at = this.now();
      // Waiters woken late together (a busy event loop) would go out in a burst: each waits its spacing.
      if (at >= this.pausedUntil && at - this.lastGrantAt >= interval - 0.5) {
        this.lastGrantAt = at;
        return;
      }
    }
  }

  /** Holds every sender for `seconds`; true when this started (or lengthened) the pause. */
  pauseFor(seconds: number): boolean {
    const until = this.now() + seconds * 1000;
    if (until <= this.pausedUntil) return false;
    this.pausedUntil = until;
    return true;
  }
}

/** Sleeps `ms`, or less when `signal` aborts first. */
const pause = (ms: number, signal?: AbortSignal) => delay(ms, undefined, { signal }).catch(() => undefined);
