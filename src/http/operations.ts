import type { OpenAPIHono } from "@hono/zod-openapi";

// Placeholder while /healthz and /metrics are written this session.
export type OperationsDeps = {};
export function registerOperationRoutes(_app: OpenAPIHono, _deps: OperationsDeps): void {}
