import type { OpenAPIHono } from "@hono/zod-openapi";

// Placeholder while the click-tracking redirect is written this session.
export type ClickRouteDeps = {};
export function registerClickRoute(_app: OpenAPIHono, _deps: ClickRouteDeps): void {}
