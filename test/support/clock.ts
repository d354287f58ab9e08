/** A clock tests move by hand, so expiry and cool-downs need no waiting. */
export class TestClock {
  private current: number;

  constructor(start = "2026-06-01T12:00:00Z") {
    this.current = new Date(start).getTime();
  }

  readonly now = (): Date => new Date(this.current);

  advance(ms: number): void {
    this.current += ms;
  }
}

/**
 * Timers on a TestClock for the outgoing budget: nothing fires until `runUntil` moves the clock
 * to the next timer, once everything else in flight has had its turns. Waits cost no real time.
 */
export class ManualTimers {
  private timers: Array<{ at: number; fire: () => void; id: number }> = [];
  private lastId = 0;

  constructor(private readonly clock: TestClock) {}

  readonly now = (): number => this.clock.now().getTime();

  readonly setTimeout = (fire: () => void, ms: number): unknown => {
    const id = ++this.lastId;
    this.timers.push({ at: this.now() + Math.max(0, ms), fire, id });
    return id;
  };

  readonly clearTimeout = (handle: unknown): void => {
    this.timers = this.timers.filter((t) => t.id !== handle);
  };

  /**
   * Lets the bot work, moving the clock from timer to timer whenever it only waits, until `done`;
   * throws when nothing is left to fire or wait for (after `realMs` of real time).
   */
  async runUntil(done: () => boolean, realMs = 10_000): Promise<void> {
    const deadline = Date.now() + realMs;
    while (!done()) {
      for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
      if (done()) return;
      const next = this.timers.reduce<(typeof this.timers)[number] | undefined>(
        (earliest, t) => (earliest === undefined || t.at < earliest.at ? t : earliest),
        undefined,
      );
      if (next !== undefined) {
        this.timers = this.timers.filter((t) => t !== next);
        if (next.at > this.now()) this.clock.advance(next.at - this.now());
        next.fire();
      } else {
        // Something outside these timers (the mailing engine's own loop) is still at work.
        await new Promise((r) => setTimeout(r, 5));
      }
      if (Date.now() > deadline) throw new Error("runUntil: still not done");
    }
  }
}
