import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { z } from "zod";
import type { RefusalKind, UsherError } from "../errors.js";
import { snakeCase } from "./snake-case.js";

/** The one error shape every route answers with. */
export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ example: "not_found" }),
      message: z.string().meta({ example: "No user with id 42" }),
      /** Validation problems, one per bad field. */
      details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .meta({ id: "Error" });

export type ErrorBody = z.infer<typeof errorSchema>;

/** Thrown by routes for what only HTTP knows (a bad query, a missing route): a status and a stable code. */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: ErrorBody["error"]["details"],
  ) {
    super(message);
  }
}

/** The status of each kind of refusal a verb can throw. */
const statusOf: Record<RefusalKind, ContentfulStatusCode> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  cannot: 422,
  too_many: 429,
  unavailable: 503,
};

/** Where the API's bodies name a field otherwise than the snake_case of the verb's name. */
const apiFieldNames: Readonly<Record<string, string>> = { ratePerSecond: "rate", scheduledAt: "schedule_at" };

/** A verb's field as bodies name it by default: only its first part is renamed, the rest can be data (an attribute key, an index). */
function snakeCaseField(field: string): string {
  const [name = "", ...rest] = field.split(".");
  return [apiFieldNames[name] ?? snakeCase(name), ...rest].join(".");
}

/**
 * A verb's refusal as the API answers it: the kind's status, its code, each field at fault as a body
 * path; `apiField` names a verb's field as the route's body does.
 */
export function apiErrorOf(
  error: UsherError,
  apiField: (field: string) => string = snakeCaseField,
): ApiError {
  const details = error.fields.map((f) => ({
    path: f.field === "" ? "body" : `body.${apiField(f.field)}`,
    message: f.message,
  }));
  const message =
    details.length === 1 && error.kind === "invalid"
      ? `${details[0]?.path}: ${error.message}`
      : error.message;
  return new ApiError(statusOf[error.kind], error.code, message, details.length > 0 ? details : undefined);
}

export const notFound = (what: string) => new ApiError(404, "not_found", `${what} was not found`);

export function errorJson(c: Context, error: ApiError) {
  const body: ErrorBody = {
    error: { code: error.code, message: error.message, ...(error.details && { details: error.details }) },
  };
  return c.json(body, error.status);
}

/** Turns zod issues into a 400 naming each bad field (`body.tags.add.0`, `query.limit`). */
export function validationError(where: string, error: z.ZodError): ApiError {
  const details = error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join("."),
    message: issue.message,
  }));
  const summary = details.map((d) => `${d.path}: ${d.message}`).join("; ");
  return new ApiError(400, "invalid_request", `Invalid request: ${summary}`, details);
}

/** Every error response a route may give, for the OpenAPI document. */
export function errorResponses(
  ...statuses: Array<400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503>
) {
  const descriptions: Record<number, string> = {
    400: "The request is invalid; `details` names each bad field",
    401: "Missing or wrong bearer token",
    403: "Not allowed for this caller",
    404: "Not found",
    409: "Conflicts with the current state",
    413: "The body is too large",
    415: "Unsupported content type",
    422: "Understood but cannot be done",
    429: "Too many requests; try again after the seconds in Retry-After",
    503: "Not available in this configuration",
  };
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: descriptions[status] ?? "Error",
        content: { "application/json": { schema: errorSchema } },
      },
    ]),
  ) as Record<
    number,
    { description: string; content: { "application/json": { schema: typeof errorSchema } } }
  >;
}
