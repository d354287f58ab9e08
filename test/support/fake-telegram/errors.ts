import type { ResponseParameters } from "grammy/types";
import type { ApiErrorShape } from "./types.js";

/** Thrown by method handlers; becomes an `{ ok: false, ... }` response. */
export class ApiError extends Error {
  constructor(
    readonly error_code: number,
    readonly description: string,
    readonly parameters?: ResponseParameters,
  ) {
    super(description);
    this.name = "ApiError";
  }

  toShape(): ApiErrorShape {
    return this.parameters === undefined
      ? { error_code: this.error_code, description: this.description }
      : { error_code: this.error_code, description: this.description, parameters: this.parameters };
  }
}

/** Thrown for a call the fake drops: the transport turns it into a broken connection, with no answer. */
export class ConnectionDropped extends Error {
  constructor(readonly method: string) {
    super(`connection dropped during ${method}`);
    this.name = "ConnectionDropped";
  }
}

export const badRequest = (what: string): ApiError => new ApiError(400, `Bad Request: ${what}`);
export const forbidden = (what: string): ApiError => new ApiError(403, `Forbidden: ${what}`);
export const notFound = (): ApiError => new ApiError(404, "Not Found");
export const unauthorized = (): ApiError => new ApiError(401, "Unauthorized");
