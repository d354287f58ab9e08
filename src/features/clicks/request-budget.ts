/** How many requests a key may make: `burst` at once, then one more every `refillMs`. */
export interface BudgetRule {
  burst: number;
  refillMs: number;
}

interface Bucket {
  requests: number;
  at: number;
}

/**
 * A token bucket per key, in memory. A bucket left alone long enough to refill is the same as no
 * bucket, so those are dropped now and then: memory follows the keys seen lately, not all keys ever.
 */
export class RequestBudget {
  private readonly buckets = new Map<string, Bucket>();
  private readonly fullAfterMs: number;
  private sweptAt = 0;

  constructor(private readonly rule: BudgetRule) {
    this.fullAfterMs = rule.burst * rule.refillMs;
  }

  /** Spends one request of `key` at `nowMs`: 0 when it may go ahead, else the milliseconds until it may. */
  take(key: string, nowMs: number): number {
    this.sweep(nowMs);
    const { burst, refillMs } = this.rule;
    const bucket = this.buckets.get(key) ?? { requests: burst, at: nowMs };
    const refilled = Math.min(burst, bucket.requests + Math.max(0, nowMs - bucket.at) / refillMs);
    if (refilled < 1) {
      this.buckets.set(key, { requests: refilled, at: nowMs });
      return Math.ceil((1 - refilled) * refillMs);
    }
    this.buckets.set(key, { requests: refilled - 1, at: nowMs });
    return 0;
  }

  private sweep(nowMs: number): void {
    if (nowMs - this.sweptAt < this.fullAfterMs) return;
    this.sweptAt = nowMs;
    for (const [key, bucket] of this.buckets) {
      if (nowMs - bucket.at >= this.fullAfterMs) this.buckets.delete(key);
    }
  }
}
