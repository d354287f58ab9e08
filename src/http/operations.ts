import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { type Db, isDatabaseReachable } from "../db/client.js";
import type { LeaseStatus } from "../features/lease/instance-lease.js";
import type { Metrics } from "../metrics/metrics.js";
import { bearerAuth } from "./auth.js";
import { ApiError, errorResponses } from "./errors.js";
import { bearerSecurity } from "./schemas.js";

/** How updates reach the bot, and what /healthz can tell about it. */
export type UpdateSource =
  | { mode: "polling"; isRunning: () => boolean }
  | { mode: "webhook"; url: string; lastUpdateAt: () => Date | null };

export interface OperationsDeps {
  /** Asked `select 1` by /healthz. */
  db: Db;
  updates: UpdateSource;
  /** Whether this process is the active instance (long polling, mailings) or stands by. */
  instance?: () => LeaseStatus;
  /** /metrics answers 404 metrics_off without it. */
  metrics?: Metrics;
  /** METRICS_TOKEN: /metrics wants it as a bearer token when set. */
  metricsToken?: string;
}

const healthSchema = z
  .object({
    status: z.enum(["ok", "unavailable"]),
    database: z.enum(["ok", "unavailable"]),
    mode: z.enum(["polling", "webhook"]),
    polling: z.object({ running: z.boolean() }).optional(),
    webhook: z
      .object({
        url: z.string(),
        last_update_at: z.string().nullable().meta({ description: "ISO-8601; null before the first update" }),
      })
      .optional(),
    instance: z
      .object({
        role: z.enum(["active", "standby"]).meta({
          description:
            "active: this process long-polls and sends mailings; standby: another process on the same database does, and this one takes over when it stops",
        }),
        since: z
          .string()
          .optional()
          .meta({ description: "ISO-8601: when this process became the active one" }),
        active: z
          .object({ pid: z.number().int(), host: z.string(), since: z.string() })
          .nullable()
          .optional()
          .meta({ description: "On a standby: the active process (null while none holds the lease)" }),
      })
      .optional(),
  })
  .meta({ id: "Health" });

type Health = z.infer<typeof healthSchema>;

const getHealth = createRoute({
  method: "get",
  path: "/healthz",
  tags: ["Operations"],
  summary: "Liveness and readiness: the database answers and updates are coming in",
  description: "No authentication, for load balancers and orchestrators.",
  responses: {
    200: { description: "Ready", content: { "application/json": { schema: healthSchema } } },
    503: {
      description: "The database does not answer, or long polling has stopped on the active instance",
      content: { "application/json": { schema: healthSchema } },
    },
  },
});

const metricsRoute = (secured: boolean) =>
  createRoute({
    method: "get",
    path: "/metrics",
    tags: ["Operations"],
    summary: "Prometheus metrics",
    description:
      "Prometheus text format: updates, gate outcomes, deliveries, flood waits, queue depth, mailings and users by status, process figures. Aggregate counts only; a bearer METRICS_TOKEN when the server has one (never the API token), otherwise keep it off the public internet (the server listens on 127.0.0.1 by default).",
    ...(secured && { security: bearerSecurity }),
    responses: {
      200: {
        description: "Metrics in the Prometheus text exposition format 0.0.4",
        content: { "text/plain": { schema: z.string() } },
      },
      ...(secured ? errorResponses(401, 404) : errorResponses(404)),
    },
  });

function describeInstance(status: LeaseStatus): NonNullable<Health["instance"]> {
  if (status.role === "active") return { role: "active", since: status.since.toISOString() };
  const { holder } = status;
  return {
    role: "standby",
    active: holder && { pid: holder.pid, host: holder.host, since: holder.acquiredAt.toISOString() },
  };
}

function checkHealth({ db, updates, instance }: OperationsDeps): Health {
  const database = isDatabaseReachable(db);
  const lease = database && instance ? instance() : undefined;
  const described = lease && { instance: describeInstance(lease) };
  if (updates.mode === "polling") {
    const running = updates.isRunning();
    // A standby does not poll (Telegram allows one poller): it is healthy while it waits.
    const polling = running || lease?.role === "standby";
    return {
      status: database && polling ? "ok" : "unavailable",
      database: database ? "ok" : "unavailable",
      mode: "polling",
      polling: { running },
      ...described,
    };
  }
  return {
    status: database ? "ok" : "unavailable",
    database: database ? "ok" : "unavailable",
    mode: "webhook",
    webhook: { url: updates.url, last_update_at: updates.lastUpdateAt()?.toISOString() ?? null },
    ...described,
  };
}

/** GET /healthz and GET /metrics, outside /api and without its bearer token (/metrics may have its own). */
export function registerOperationRoutes(app: OpenAPIHono, deps: OperationsDeps): void {
  app.openapi(getHealth, (c) => {
    const health = checkHealth(deps);
    c.header("Cache-Control", "no-store");
    return health.status === "ok" ? c.json(health, 200) : c.json(health, 503);
  });
  if (deps.metricsToken !== undefined) app.use("/metrics", bearerAuth(deps.metricsToken, "METRICS_TOKEN"));
  app.openapi(metricsRoute(deps.metricsToken !== undefined), async (c) => {
    const { metrics } = deps;
    if (!metrics) throw new ApiError(404, "metrics_off", "Metrics are not collected by this server");
    c.header("Cache-Control", "no-store");
    return c.text(await metrics.render(), 200, { "Content-Type": metrics.contentType });
  });
}
