import { describe, expect, it } from "vitest";
import { RateLimiter } from "../../src/features/mailing/rate-limiter.js";

/** A virtual clock: sleeping moves time forward instantly. */
function virtualTime() {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
    },
    get time() {
      return now;
    },
  };
}

describe("RateLimiter", () => {
  it("when many take at once, then they are spaced evenly at the rate", async () => {
    const clock = virtualTime();
    const limiter = new RateLimiter(25, clock.now, clock.sleep);
    const times: number[] = [];
    for (let i = 0; i < 50; i++) {
      await limiter.take();
      times.push(clock.time);
    }
    expect(times[49]).toBeCloseTo(49 * 40, 5);
    expect(new Set(times).size).toBe(50);
  });

  it("when waiters wake late together (a stalled event loop), then no second holds more grants than the rate", async () => {
    let now = 0;
    const sleepers: Array<{ until: number; wake: () => void }> = [];
    const limiter = new RateLimiter(
      10,
      () => now,
      (ms) => new Promise<void>((wake) => sleepers.push({ until: now + ms, wake })),
    );
    const grants: number[] = [];
    const takers = Array.from({ length: 40 }, () => limiter.take().then(() => grants.push(now)));
    // The loop stalls again and again: every sleeper wakes at once, up to 700 ms late.
    for (let step = 0; step < 200 && grants.length < 40; step++) {
      await new Promise((r) => setTimeout(r, 0));
      now = Math.max(now + 700, Math.min(...sleepers.map((s) => s.until)));
      for (const sleeper of sleepers.splice(0)) sleeper.wake();
    }
    await Promise.all(takers);
    const mostInOneSecond = Math.max(
      ...grants.map((t) => grants.filter((g) => g >= t && g < t + 1000).length),
    );
    expect(mostInOneSecond).toBeLessThanOrEqual(10);
    expect(grants).toHaveLength(40);
  });
});
