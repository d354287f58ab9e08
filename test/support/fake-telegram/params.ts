import { badRequest } from "./errors.js";
import type { Params, UploadedFile } from "./types.js";

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function isUploadedFile(value: unknown): value is UploadedFile {
  return isRecord(value) && value.bytes instanceof Uint8Array && typeof value.filename === "string";
}

/** Telegram coerces scalars, so a number given for a text field is accepted as its digits. */
export function optString(params: Params, key: string): string | undefined {
  const value = params[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw badRequest(`field "${key}" must be of type String`);
}

export function optInt(params: Params, key: string): number | undefined {
  const value = params[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value === "string" && /^-?\d+$/.test(value)) return Number(value);
  throw badRequest(`field "${key}" must be of type Integer`);
}

export function reqInt(params: Params, key: string): number {
  const value = optInt(params, key);
  if (value === undefined) throw badRequest(`${key} is empty`);
  return value;
}

export function optBool(params: Params, key: string): boolean {
  const value = params[key];
  return value === true || value === "true";
}

/** A chat reference: numeric id (possibly as a string) or "@username". */
export function chatIdParam(params: Params, key = "chat_id"): number | string {
  const value = params[key];
  if (value === undefined || value === null || value === "") throw badRequest(`${key} is empty`);
  if (typeof value === "number") return value;
  if (typeof value === "string") return /^-?\d+$/.test(value) ? Number(value) : value;
  throw badRequest(`field "${key}" must be of type Integer or String`);
}

export function optArray(params: Params, key: string): unknown[] | undefined {
  const value = params[key];
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value;
  throw badRequest(`field "${key}" must be an Array`);
}

export function optRecord(params: Params, key: string): Record<string, unknown> | undefined {
  const value = params[key];
  if (value === undefined || value === null) return undefined;
  if (isRecord(value)) return value;
  throw badRequest(`field "${key}" must be an Object`);
}
