import type { Context, MiddlewareFn } from "grammy";

/**
 * Updates still being handled. In webhook mode an update may outlive its HTTP request (the reply to
 * Telegram does not wait for slow handlers), so shutdown waits here before closing the database.
 */
export class InFlightUpdates {
  private readonly running = new Set<Promise<unknown>>();

  /** Tracks every update that passes through it; install it first. */
  readonly middleware: MiddlewareFn<Context> = (_ctx, next) => {
    const task = next();
    this.running.add(task);
    const forget = () => this.running.delete(task);
    task.then(forget, forget);
    return task;
  };

  get size(): number {
    return this.running.size;
  }

  /** Resolves once every update now in flight has finished (failed ones included). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
