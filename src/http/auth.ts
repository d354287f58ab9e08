import { createHash, timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { ApiError, errorJson } from "./errors.js";

const digest = (value: string) => createHash("sha256").update(value).digest();

/**
 * A check of a secret sent with a request against the configured one. Both sides are hashed first
 * so the comparison takes the same time whatever the length or the first differing byte of a guess.
 */
export function secretMatcher(secret: string): (sent: string) => boolean {
  const expected = digest(secret);
  return (sent) => timingSafeEqual(digest(sent), expected);
}

/** Requires `Authorization: Bearer <token>`, compared in constant time; `variable` names the token in errors. */
export function bearerAuth(token: string, variable = "API_TOKEN"): MiddlewareHandler {
  const matches = secretMatcher(token);
  return async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) {
      c.header("WWW-Authenticate", 'Bearer realm="usher"');
      return errorJson(c, new ApiError(401, "unauthorized", `Send Authorization: Bearer <${variable}>`));
    }
    if (!matches(match[1] as string)) {
      c.header("WWW-Authenticate", 'Bearer realm="usher", error="invalid_token"');
      return errorJson(c, new ApiError(401, "unauthorized", "The bearer token is wrong"));
    }
    await next();
  };
}
