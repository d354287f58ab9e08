import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { ClickFloodError, type LinkTracker } from "../features/clicks/link-tracker.js";
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
    "links the bot made redirect, and a click always counts for the user it was sent to. A user's " +
    "follows of one link count once per 30 minutes (repeats still redirect), and only their newest " +
    "100 are kept. A HEAD request redirects without recording; so does a link of a user deleted " +
    "since. One link of one user answers 20 requests at once, then one every 3 seconds: faster " +
    "requests get 429 with Retry-After.",
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
      description: "Redirect to the link's target (Location); the click is recorded unless it is a repeat",
      headers: z.object({
        Location: z.string().meta({ description: "The target URL" }),
        "Cache-Control": z.string().meta({ example: "no-store" }),
      }),
    },
    ...errorResponses(404, 429),
  },
});

/** GET /c/{token}: the click-tracking redirect (public: the signature is the credential). */
export function registerClickRoute(app: OpenAPIHono, deps: ClickRouteDeps): void {
  app.openapi(followLink, (c) => {
    const { token } = c.req.valid("param");
    c.header("Cache-Control", "no-store");
    let followed: ReturnType<LinkTracker["follow"]>;
    try {
      // Hono answers HEAD with the GET route; a link checker peeking at the link is not a click.
      followed = deps.links.follow(token, { record: c.req.method !== "HEAD" });
    } catch (error) {
      if (!(error instanceof ClickFloodError)) throw error;
      c.header("Retry-After", String(error.retryAfterSeconds));
      throw error;
    }
    if (!followed) throw new ApiError(404, "unknown_link", "This link is unknown or was changed");
    c.header("Referrer-Policy", "no-referrer");
    return c.redirect(followed.url, 302);
  });
}
