import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ConnectionDropped } from "./errors.js";

export interface RawRequest {
  url: URL;
  contentType: string | undefined;
  body: Buffer;
}

export interface RawReply {
  status: number;
  contentType: string;
  body: Uint8Array | string;
}

export type Responder = (request: RawRequest, signal: AbortSignal) => Promise<RawReply>;

export interface FakeServer {
  /** e.g. "http://127.0.0.1:41234"; use as grammY's `client.apiRoot` or BOT_API_ROOT. */
  apiRoot: string;
  close(): Promise<void>;
}

async function answer(respond: Responder, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // A client that hangs up (e.g. a bot stopping mid long poll) aborts its call.
  const controller = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const reply = await respond(
    {
      url: new URL(req.url ?? "/", "http://127.0.0.1"),
      contentType: req.headers["content-type"],
      body: Buffer.concat(chunks),
    },
    controller.signal,
  );
  if (controller.signal.aborted) return;
  res.writeHead(reply.status, { "content-type": reply.contentType });
  res.end(reply.body);
}

/** Serves the fake over HTTP on 127.0.0.1 and a random port, for bots running as child processes. */
export async function serve(respond: Responder, releaseLongPolls: () => void): Promise<FakeServer> {
  const inFlight = new Set<Promise<void>>();
  const server = createServer((req, res) => {
    const task = answer(respond, req, res)
      .catch((error: unknown) => {
        if (res.writableEnded || res.destroyed) return;
        if (error instanceof ConnectionDropped) {
          res.destroy();
          return;
        }
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
        res.end(String(error));
      })
      .finally(() => inFlight.delete(task));
    inFlight.add(task);
  });
  // Node closes idle keep-alive sockets after 5 s, racing a client that reuses one (ECONNRESET);
  // Telegram keeps them far longer, and a bot idle between benchmark slices must not meet that race.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Let waiting getUpdates answer before dropping keep-alive connections.
      releaseLongPolls();
      await Promise.allSettled([...inFlight]);
      server.closeAllConnections();
      await closed;
    },
  };
}
