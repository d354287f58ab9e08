import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { ApiError, errorJson } from "./errors.js";

const megabyte = 1024 * 1024;
/** CSV imports carry whole contact lists; every other body is a small JSON document. */
export const bodyLimits = { csvImport: 20 * megabyte, json: megabyte } as const;

const tooLarge = (limit: number) => (c: Parameters<MiddlewareHandler>[0]) =>
  errorJson(c, new ApiError(413, "payload_too_large", `The body is larger than ${limit / megabyte} MB`));

const csvImportLimit = bodyLimit({ maxSize: bodyLimits.csvImport, onError: tooLarge(bodyLimits.csvImport) });
const jsonLimit = bodyLimit({ maxSize: bodyLimits.json, onError: tooLarge(bodyLimits.json) });

/** The CSV import's path through either door: the API token's and the Mini App's. */
const csvImportPaths = new Set(["/api/users/import", "/app/api/users/import"]);

/** Caps request bodies, counting streamed bytes too (a missing or false Content-Length does not help). */
export const bodySizeLimit: MiddlewareHandler = (c, next) =>
  (csvImportPaths.has(c.req.path) ? csvImportLimit : jsonLimit)(c, next);
