import type { OpenAPIHono } from "@hono/zod-openapi";

// Placeholder while webhook mode is written this session.
export type WebhookDeps = {};
export function registerWebhookRoute(_app: OpenAPIHono, _deps: WebhookDeps): void {}
