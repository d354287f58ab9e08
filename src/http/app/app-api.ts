import type { Hook } from "@hono/zod-openapi";
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { Hono } from "hono";
import { adminOfSession } from "../../features/app/app-access.js";
import { type AppKeys, openSession } from "../../features/app/open-session.js";
import { languageOf, languageOfUser } from "../../features/language/language.js";
import { type ApiEnv, actorOf } from "../actor.js";
import { registerApiRoutes } from "../api/index.js";
import type { HttpDeps } from "../app.js";
import { bodySizeLimit } from "../body-limit.js";
import { ApiError, errorJson, errorResponses } from "../errors.js";
import { registerAppDownloads } from "./app-downloads.js";

const sessionBody = z.object({ init_data: z.string().min(1).max(8192) });

const sessionJson = z.object({
  token: z.string(),
  expires_at: z.string(),
  admin: z.object({ id: z.number().int(), first_name: z.string(), language: z.string().nullable() }),
});

const openSessionRoute = createRoute({
  method: "post",
  path: "/session",
  summary: "Opens a Mini App session with Telegram's signed initData",
  request: { body: { content: { "application/json": { schema: sessionBody } }, required: true } },
  responses: {
    200: { description: "A session for the admin", content: { "application/json": { schema: sessionJson } } },
    ...errorResponses(400, 401, 403),
  },
});

const meRoute = createRoute({
  method: "get",
  path: "/me",
  summary: "The admin the session is for",
  responses: {
    200: {
      description: "The admin",
      content: { "application/json": { schema: sessionJson.shape.admin } },
    },
    ...errorResponses(401, 403),
  },
});

/**
 * `/app/api`: what the admin Mini App calls. A session comes from Telegram's signed `initData`
 * (`POST /session`); every other call sends it as `Authorization: Bearer <session>`, is checked
 * again against the admins of now, and reaches the same routes as /api, acting as that admin.
 * No API token ever reaches the browser.
 */
export function createAppApi(
  deps: HttpDeps,
  keys: AppKeys,
  // biome-ignore lint/suspicious/noExplicitAny: the hook is shared by routes of every input type
  validationHook: Hook<any, any, any, any>,
): Hono {
  const { services } = deps;
  const api = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
  api.use(bodySizeLimit);
  // An admin the bot has not met yet (an owner from the configuration) speaks what their Telegram says.
  const adminJson = (id: number, firstName: string, telegramLanguage?: string) => {
    const user = services.users.find(id);
    const language = user ? languageOfUser(user) : languageOf(telegramLanguage);
    return { id, first_name: user?.firstName ?? firstName, language };
  };

  api.openapi(openSessionRoute, (c) => {
    const session = openSession(services, keys, c.req.valid("json").init_data);
    return c.json(
      {
        token: session.token,
        expires_at: session.expiresAt.toISOString(),
        admin: adminJson(session.userId, session.user.firstName, session.user.languageCode),
      },
      200,
    );
  });

  api.use(async (c, next) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header("authorization") ?? "");
    if (!match) {
      c.header("WWW-Authenticate", 'Bearer realm="usher-app"');
      return errorJson(c, new ApiError(401, "unauthorized", "Open a session first: POST /app/api/session"));
    }
    c.set("actor", { kind: "admin", id: adminOfSession(services, keys.sessions, match[1] as string) });
    await next();
  });

  api.openapi(meRoute, (c) => {
    const actor = actorOf(c);
    if (actor.kind !== "admin") throw new Error("A Mini App session acts as an admin, always");
    return c.json(adminJson(actor.id, ""), 200);
  });
  registerApiRoutes(api, deps);
  // Mounted through a plain Hono, which keeps them out of the public OpenAPI document: the routes
  // are /api's, documented there, and the Mini App's own are for the Mini App alone.
  const door = new Hono();
  registerAppDownloads(door, api, deps, keys);
  return door.route("/app/api", api);
}
