import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface RoundRobinProxyOptions {
  /**
   * Every n-th request also goes to the next instance at the same moment, as when Telegram sends an
   * update again because the first answer was late (0: never).
   */
  twiceEvery?: number;
  /** How long an instance may take to answer before the request goes to the next one. */
  timeoutMs?: number;
}

/** Headers an update carries that the instances read. */
const forwarded = ["content-type", "x-telegram-bot-api-secret-token"];

async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A reverse proxy in front of several instances, as a deployment puts one between Telegram and its
 * instances (127.0.0.1 only): each POST goes to the next instance in turn, and to the one after when
 * an instance fails to answer (refused, reset, an error status, too slow), so an update a dying
 * instance may have half handled reaches another one.
 */
export class RoundRobinProxy {
  /** Base URLs of the instances, e.g. http://127.0.0.1:4100; set once they are started. */
  upstreams: string[] = [];
  readonly stats = { requests: 0, failedOver: 0, twice: 0, unanswered: 0 };
  private turn = 0;
  private readonly server: Server;

  private constructor(private readonly options: RoundRobinProxyOptions) {
    this.server = createServer((request, response) => {
      this.forward(request).then(
        (status) => response.writeHead(status).end(),
        () => response.writeHead(502).end(),
      );
    });
  }

  /** Listens on 127.0.0.1 (a random port); `url` is then where Telegram should post. */
  static async listen(options: RoundRobinProxyOptions = {}): Promise<RoundRobinProxy> {
    const proxy = new RoundRobinProxy(options);
    await new Promise<void>((resolve) => proxy.server.listen(0, "127.0.0.1", resolve));
    return proxy;
  }

  get origin(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async forward(request: IncomingMessage): Promise<number> {
    const body = await bodyOf(request);
    const headers: Record<string, string> = {};
    for (const name of forwarded) {
      const value = request.headers[name];
      if (typeof value === "string") headers[name] = value;
    }
    const send = (upstream: string) => this.post(`${upstream}${request.url ?? "/"}`, headers, body);
    const count = this.upstreams.length;
    const first = this.turn++ % count;
    this.stats.requests += 1;
    const twiceEvery = this.options.twiceEvery ?? 0;
    if (twiceEvery > 0 && this.stats.requests % twiceEvery === 0) {
      this.stats.twice += 1;
      const statuses = await Promise.all(
        [first, first + 1].map((i) => send(this.upstreams[i % count] as string)),
      );
      return statuses.find((s) => s >= 200 && s < 300) ?? 502;
    }
    for (let tried = 0; tried < count; tried++) {
      if (tried > 0) this.stats.failedOver += 1;
      const status = await send(this.upstreams[(first + tried) % count] as string);
      if (status >= 200 && status < 300) return status;
    }
    this.stats.unanswered += 1;
    return 502;
  }

  /** The upstream's status, or 0 when it did not answer in time. */
  private async post(url: string, headers: Record<string, string>, body: Buffer): Promise<number> {
    try {
      const response = await fetch(url, {
        method: "POST",
        headers,
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
      });
      await response.arrayBuffer().catch(() => undefined);
      return response.status;
    } catch {
      return 0;
    }
  }
}
