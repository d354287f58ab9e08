import { createHash, timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { ApiError, errorJson } from "./errors.js";

const digest = (value: string) => createHash("sha256").update(value).digest();

/**
 * Requires `Authorization: Bearer <token>`. Both sides are hashed first so the comparison takes the
 * same time whatever the length or the first differing byte of a guess.
 */
export function bearerAuth(token: string): MiddlewareHandler {
  const expected = digest(token);
  return async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) {
      c.header("WWW-Authenticate", 'Bearer realm="usher"');
      return errorJson(c, new ApiError(401, "unauthorized", "Send Authorization: Bearer <API_TOKEN>"));
    }
    if (!timingSafeEqual(digest(match[1] as string), expected)) {
      c.header("WWW-Authenticate", 'Bearer realm="usher", error="invalid_token"');
      return errorJson(c, new ApiError(401, "unauthorized", "The bearer token is wrong"));
    }
    await next();
  };
}
