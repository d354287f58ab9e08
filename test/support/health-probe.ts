/**
 * Asks a process's `/healthz` every `intervalMs` while it lives and keeps every answer's latency,
 * so a fault test can say "it answered within a second throughout". A refused connection (the
 * process is starting or was killed) is not an answer and is not counted.
 */
export class HealthProbe {
  readonly latenciesMs: number[] = [];
  /** Requests that got no answer within the timeout, or a 5xx. */
  readonly failures: string[] = [];
  private running = true;
  private readonly done: Promise<void>;

  constructor(
    private readonly url: string,
    private readonly options: { intervalMs?: number; timeoutMs?: number } = {},
  ) {
    this.done = this.loop();
  }

  private async loop(): Promise<void> {
    const timeoutMs = this.options.timeoutMs ?? 1000;
    while (this.running) {
      const started = performance.now();
      try {
        const answer = await fetch(this.url, { signal: AbortSignal.timeout(timeoutMs) });
        const body = await answer.text();
        if (!this.running) break;
        if (answer.status >= 500) this.failures.push(`status ${answer.status}: ${body}`);
        else this.latenciesMs.push(performance.now() - started);
      } catch (error) {
        const refused = (error as { cause?: { code?: string } }).cause?.code === "ECONNREFUSED";
        if (this.running && !refused)
          this.failures.push(`no answer within ${timeoutMs} ms: ${String(error)}`);
      }
      await new Promise((r) => setTimeout(r, this.options.intervalMs ?? 100));
    }
  }

  /** Stops asking (before the process is killed, so its death is not read as a slow answer). */
  async stop(): Promise<void> {
    this.running = false;
    await this.done;
  }

  get maxLatencyMs(): number {
    return Math.max(0, ...this.latenciesMs);
  }
}
