import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { LinkTracker } from "../features/clicks/link-tracker.js";
import { ApiError, errorResponses } from "./errors.js";

export interface ClickRouteDeps {
  /** The tracker that wrapped the links (services.links, present when PUBLIC_URL is set). */
  links: LinkTracker;
}

const followLink = createRoute({
  method: "get",
  path: "/c/{token}",
  tags: ["Click tracking"],
  summary: "Follow a tracked link: records who clicked it, then redirects to its target",
  description:
    "URL buttons the bot sends (mailings, the welcome message, deeplink content) point here when " +
    "PUBLIC_URL is set. The token names the link and the user and is signed by the server, so only " +
    "links the bot made redirect, and a click always counts for the user it was sent to. A HEAD " +
    "request redirects without recording; so does a link of a user deleted since.",
  request: {
    // Any string: a malformed token is just another unknown link (404), not a bad request.
    params: z.object({
      token: z.string().meta({
        description: "`<link id>.<user id>.<signature>`, as the bot wrote it",
        example: "1.2jw7tc.vbG7b6Wl4s0M3DRqRFmq7A",
      }),
    }),
  },
  responses: {
    302: {
      description: "Redirect to the link's target (Location); the click is recorded",
      headers: z.object({
        Location: z.string().meta({ description: "The target URL" }),
        "Cache-Control": z.string().meta({ example: "no-store" }),
      }),
    },
    ...errorResponses(404),
  },
});

/** GET /c/{token}: the click-tracking redirect (public: the signature is the credential). */
export function registerClickRoute(app: OpenAPIHono, deps: ClickRouteDeps): void {
  app.openapi(followLink, (c) => {
    const { token } = c.req.valid("param");
    // Hono answers HEAD with the GET route; a link checker peeking at the link is not a click.
    const followed = deps.links.follow(token, { record: c.req.method !== "HEAD" });
    c.header("Cache-Control", "no-store");
    if (!followed) throw new ApiError(404, "unknown_link", "This link is unknown or was changed");
    c.header("Referrer-Policy", "no-referrer");
    return c.redirect(followed.url, 302);
  });
}
