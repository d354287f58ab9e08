import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";

export interface RunningHttpServer {
  /** Where it listens, e.g. http://127.0.0.1:8080 (the real port when 0 was asked for). */
  url: string;
  close(): Promise<void>;
}

/** Serves the app on host:port; resolves once listening. */
export function startHttpServer(
  app: { fetch: (request: Request) => Response | Promise<Response> },
  options: { host: string; port: number },
): Promise<RunningHttpServer> {
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, hostname: options.host, port: options.port },
      (info: AddressInfo) => {
        const host = info.family === "IPv6" ? `[${info.address}]` : info.address;
        resolve({
          url: `http://${host}:${info.port}`,
          close: () =>
            new Promise<void>((done) => {
              // Idle keep-alive sockets would hold close() open; in-flight requests still finish.
              server.close(() => done());
              if ("closeIdleConnections" in server) server.closeIdleConnections();
            }),
        });
      },
    );
    server.once("error", reject);
  });
}
