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
