import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { Hono } from "hono";
import type { AppDownload } from "../../features/app/app-downloads.js";
import { AppAccessError } from "../../features/app/app-errors.js";
import type { AppKeys } from "../../features/app/open-session.js";
import { type ApiEnv, actorOf } from "../actor.js";
import { segmentOf } from "../api/users/request.js";
import { segmentText } from "../api/users/schemas.js";
import type { HttpDeps } from "../app.js";
import { errorResponses } from "../errors.js";

const downloadBody = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("users_csv"), segment: segmentText.default("") }),
  z.object({ kind: z.literal("user_export"), user_id: z.number().int().safe() }),
]);

const downloadJson = z.object({ url: z.string(), file_name: z.string(), expires_at: z.string() });

const mintRoute = createRoute({
  method: "post",
  path: "/downloads",
  summary: "A one-minute link that downloads a file without headers (for Telegram's file download)",
  request: { body: { content: { "application/json": { schema: downloadBody } }, required: true } },
  responses: {
    200: { description: "The link", content: { "application/json": { schema: downloadJson } } },
    ...errorResponses(400, 401, 403),
  },
});

/** The /app/api route that serves a download, and the name it gives the file. */
function routeOf(download: AppDownload, now: Date): { path: string; fileName: string } {
  if (download.kind === "user_export")
    return { path: `/users/${download.userId}/export`, fileName: `user-${download.userId}.json` };
  const query = download.segment === "" ? "" : `?${new URLSearchParams({ q: download.segment })}`;
  return { path: `/users.csv${query}`, fileName: `users-${now.toISOString().slice(0, 10)}.csv` };
}

/**
 * Downloads for Telegram's clients, which fetch a file themselves with no Authorization header:
 * `POST /downloads` on the session's API mints a signed one-minute link, and `GET
 * /app/download/<token>` serves it through the session route itself, acting as that admin.
 */
export function registerAppDownloads(
  door: Hono,
  api: OpenAPIHono<ApiEnv>,
  { services }: HttpDeps,
  keys: AppKeys,
): void {
  api.openapi(mintRoute, (c) => {
    const body = c.req.valid("json");
    const actor = actorOf(c);
    if (actor.kind !== "admin") throw new Error("A Mini App session acts as an admin, always");
    const download: AppDownload =
      body.kind === "users_csv"
        ? { kind: "users_csv", segment: body.segment }
        : { kind: "user_export", userId: body.user_id };
    if (download.kind === "users_csv") segmentOf(download.segment, services);
    const { token, expiresAt } = keys.downloads.issue(actor.id, download);
    const base = services.appUrl ?? `${new URL(c.req.url).origin}/app/`;
    return c.json(
      {
        url: `${base}download/${token}`,
        file_name: routeOf(download, services.now()).fileName,
        expires_at: expiresAt.toISOString(),
      },
      200,
    );
  });

  // The session route answers (and audits) as it does for the app; its errors reach the door's caller.
  const dispatcher = new Hono();
  dispatcher.onError((error) => {
    throw error;
  });
  dispatcher.route("/", api);
  door.get("/app/download/:token", async (c) => {
    const grant = keys.downloads.read(c.req.param("token"));
    if (!services.admins.isAdmin(grant.adminId)) throw new AppAccessError(grant.adminId);
    const session = keys.sessions.issue(grant.adminId);
    return dispatcher.request(routeOf(grant, services.now()).path, {
      headers: { authorization: `Bearer ${session.token}` },
    });
  });
}
