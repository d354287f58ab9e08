import type { Hook } from "@hono/zod-openapi";
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Api } from "grammy";
import { HTTPException } from "hono/http-exception";
import type { Logger } from "pino";
import type { Services } from "../bot/services.js";
import { isDatabaseUnavailable } from "../db/errors.js";
import { groupCommitOf } from "../db/group-commit.js";
import { UsherError } from "../errors.js";
import type { AppKeys } from "../features/app/open-session.js";
import type { FileFetch } from "../features/users/photo-file.js";
import { registerAuditRoutes } from "./api/audit.js";
import { registerContentPreviewRoutes } from "./api/content-preview.js";
import { registerDeeplinkRoutes } from "./api/deeplinks.js";
import { registerFormRoutes } from "./api/forms.js";
import { registerMailingRoutes } from "./api/mailing.js";
import { registerPollRoutes } from "./api/mailing-polls.js";
import { registerMailingPreviewRoute } from "./api/mailing-preview.js";
import { registerReferralRoutes } from "./api/referrals.js";
import { registerRequiredChatsRoutes } from "./api/required-chats.js";
import { registerSequenceRoutes } from "./api/sequences.js";
import { registerSettingsRoutes } from "./api/settings.js";
import { registerStatisticsRoutes } from "./api/statistics.js";
import { registerTopicRoutes } from "./api/topics.js";
import { registerUserRoutes } from "./api/users/index.js";
import { registerVariantRoutes } from "./api/variants.js";
import { createAppApi } from "./app/app-api.js";
import { bearerAuth } from "./auth.js";
import { bodySizeLimit } from "./body-limit.js";
import { type ClickRouteDeps, registerClickRoute } from "./clicks.js";
import { ApiError, apiErrorOf, errorJson, validationError } from "./errors.js";
import { type OperationsDeps, registerOperationRoutes } from "./operations.js";
import { registerWebhookRoute, type WebhookDeps } from "./webhook.js";

/** Everything the HTTP server needs; parts that are off in this configuration are absent. */
export interface HttpDeps {
  services: Services;
  /** The Bot API, for routes that ask Telegram (a profile photo, a chat to require). */
  telegram: Api;
  /** Downloads from the Bot API's file server (a profile photo); the global fetch by default. */
  fileFetch?: FileFetch;
  logger: Logger;
  /** Bearer token for /api; without it every /api route answers 404 api_off. */
  apiToken?: string;
  operations: OperationsDeps;
  webhook?: WebhookDeps;
  clicks?: ClickRouteDeps;
  /** The keys of the admin Mini App's sessions (from the bot token); without them /app is off. */
  app?: AppKeys;
}

/** The sub-app every API route module registers on. */
export type ApiApp = OpenAPIHono;

const validationTargets: Record<string, string> = {
  json: "body",
  query: "query",
  param: "path",
  header: "header",
};

/** zod failures on any route answer with the one error shape, naming each bad field. */
// biome-ignore lint/suspicious/noExplicitAny: the hook is shared by routes of every input type
const answerValidationFailure: Hook<any, any, any, any> = (result, c) => {
  if (!result.success)
    return errorJson(c, validationError(validationTargets[result.target] ?? result.target, result.error));
};

export const openApiInfo = {
  openapi: "3.0.3",
  info: {
    title: "Usher HTTP API",
    version: "1.0.0",
    description:
      "Users, mailings, settings, campaign links, deeplinks, forms, required chats, topics, sequences, texts per language and statistics of one Usher bot. Send `Authorization: Bearer <API_TOKEN>`.",
  },
} as const;

/** The Hono app: /api (bearer auth), the webhook, /healthz, /metrics and the click redirect. */
export function createHttpApp(deps: HttpDeps): OpenAPIHono {
  const app = new OpenAPIHono({ defaultHook: answerValidationFailure });

  const group = groupCommitOf(deps.services.db.$client);
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    // Writes that joined the updates' shared transaction are committed before the answer says so.
    const committed = group.settled();
    group.commitNow();
    if (committed) await committed;
    deps.logger.debug(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      "http request",
    );
  });
  app.onError((error, c) => {
    if (error instanceof ApiError) return errorJson(c, error);
    if (error instanceof UsherError) return errorJson(c, apiErrorOf(error));
    if (error instanceof HTTPException) {
      return errorJson(
        c,
        new ApiError(error.status as 400, `http_${error.status}`, error.message || "Request failed"),
      );
    }
    deps.logger.error({ err: error, method: c.req.method, path: c.req.path }, "http route failed");
    if (isDatabaseUnavailable(error)) {
      const message =
        "The database cannot take writes right now (disk full, locked or failing); nothing was changed. Try again later.";
      return errorJson(c, new ApiError(503, "database_unavailable", message));
    }
    return errorJson(c, new ApiError(500, "internal", "Something went wrong on our side; it is logged"));
  });
  app.notFound((c) =>
    errorJson(c, new ApiError(404, "not_found", `No route for ${c.req.method} ${c.req.path}`)),
  );

  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", { type: "http", scheme: "bearer" });
  registerOperationRoutes(app, deps.operations);
  if (deps.webhook) registerWebhookRoute(app, deps.webhook);
  if (deps.clicks) registerClickRoute(app, deps.clicks);

  const api = new OpenAPIHono({ defaultHook: answerValidationFailure });
  const apiToken = deps.apiToken;
  if (apiToken === undefined) {
    api.use(async (c) =>
      errorJson(c, new ApiError(404, "api_off", "The API is off: set API_TOKEN to turn it on")),
    );
  } else {
    api.use(async (c, next) => (c.req.path === "/api/openapi.json" ? next() : bearerAuth(apiToken)(c, next)));
  }
  api.use(bodySizeLimit);
  registerUserRoutes(api, deps);
  registerMailingRoutes(api, deps);
  registerPollRoutes(api, deps);
  registerMailingPreviewRoute(api, deps);
  registerSettingsRoutes(api, deps);
  registerStatisticsRoutes(api, deps);
  registerAuditRoutes(api, deps);
  registerReferralRoutes(api, deps);
  registerDeeplinkRoutes(api, deps);
  registerContentPreviewRoutes(api, deps);
  registerFormRoutes(api, deps);
  registerRequiredChatsRoutes(api, deps);
  registerTopicRoutes(api, deps);
  registerSequenceRoutes(api, deps);
  registerVariantRoutes(api, deps);
  app.route("/api", api);
  if (deps.app) app.route("/app/api", createAppApi(deps, deps.app, answerValidationFailure));
  // Served by the parent so the document's paths carry the /api prefix; public, like most API docs.
  app.doc("/api/openapi.json", openApiInfo);
  return app;
}
