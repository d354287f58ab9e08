import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "pino";

export interface TickLoopOptions {
  /** One pass of the work; `signal` aborts when the loop stops. */
  tick: (signal: AbortSignal) => Promise<void>;
  /** The pause between passes. */
  tickMs: number;
  logger: Logger;
  /** What the log says when a pass fails (the next pass tries again). */
  failure: string;
}

/** Background work done every `tickMs` until stopped; a failing pass is logged and the next one runs. */
export class TickLoop {
  private halt = new AbortController();
  private loopDone: Promise<void> | undefined;

  constructor(private readonly options: TickLoopOptions) {}

  start(): void {
    if (this.loopDone) return;
    this.halt = new AbortController();
    this.loopDone = this.loop(this.halt.signal);
  }

  /** Stops the passes and waits for the one in progress. */
  async stop(): Promise<void> {
    this.halt.abort();
    await this.loopDone;
    this.loopDone = undefined;
  }

  private async loop(signal: AbortSignal): Promise<void> {
    const { tick, tickMs, logger, failure } = this.options;
    while (!signal.aborted) {
      try {
        await tick(signal);
      } catch (err) {
        logger.error({ err }, failure);
      }
      await sleep(tickMs, undefined, { signal }).catch(() => undefined);
    }
  }
}
