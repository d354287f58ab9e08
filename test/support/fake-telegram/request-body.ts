import { badRequest } from "./errors.js";
import { boundaryOf, parseMultipart } from "./multipart.js";
import { isRecord } from "./params.js";
import type { Params, UploadedFile } from "./types.js";

/** Collects whatever a fetch caller may pass as a body (grammY uses strings and Node streams). */
export async function readBody(body: unknown): Promise<Buffer> {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === "string") return Buffer.from(body, "utf8");
  if (body instanceof URLSearchParams) return Buffer.from(body.toString(), "utf8");
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (typeof body === "object" && Symbol.asyncIterator in body) {
    const chunks: Buffer[] = [];
    for await (const chunk of body as AsyncIterable<unknown>) {
      chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array));
    }
    return Buffer.concat(chunks);
  }
  throw new TypeError("fake-telegram: unsupported request body type");
}

/** Decodes query string plus a JSON, urlencoded or multipart body into call parameters. */
export function parseParams(contentType: string | undefined, body: Buffer, query: URLSearchParams): Params {
  const params: Params = fromFields(query);
  if (body.length === 0) return params;
  const type = (contentType ?? "").toLowerCase();
  if (type.startsWith("application/json")) {
    let decoded: unknown;
    try {
      decoded = JSON.parse(body.toString("utf8"));
    } catch {
      throw badRequest("can't parse JSON object");
    }
    if (!isRecord(decoded)) throw badRequest("can't parse JSON object");
    return { ...params, ...decoded };
  }
  if (type.startsWith("multipart/form-data")) {
    const boundary = boundaryOf(contentType ?? "");
    if (boundary === undefined) throw badRequest("multipart boundary is missing");
    return { ...params, ...fromMultipart(body, boundary) };
  }
  return { ...params, ...fromFields(new URLSearchParams(body.toString("utf8"))) };
}

function fromMultipart(body: Buffer, boundary: string): Params {
  const files = new Map<string, UploadedFile>();
  const fields: [string, string][] = [];
  for (const part of parseMultipart(body, boundary)) {
    if (part.filename === undefined) {
      fields.push([part.name, part.data.toString("utf8")]);
      continue;
    }
    const file: UploadedFile = {
      filename: part.filename,
      size: part.data.length,
      bytes: new Uint8Array(part.data),
    };
    if (part.contentType !== undefined) file.content_type = part.contentType;
    files.set(part.name, file);
  }
  // grammY names file parts randomly and refers to them as "attach://<name>" from the fields.
  const attached = new Set<string>();
  const resolve = (value: unknown): unknown => {
    if (typeof value === "string" && value.startsWith("attach://")) {
      const name = value.slice("attach://".length);
      const file = files.get(name);
      if (file === undefined) return value;
      attached.add(name);
      return file;
    }
    if (Array.isArray(value)) return value.map(resolve);
    if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]));
    return value;
  };
  const params: Params = {};
  for (const [key, raw] of fields) params[key] = resolve(normalizeField(key, raw));
  // A file part named like a parameter (curl -F document=@x) is that parameter.
  for (const [name, file] of files) if (!attached.has(name)) params[name] = file;
  return params;
}

function fromFields(fields: URLSearchParams): Params {
  const params: Params = {};
  for (const [key, raw] of fields) params[key] = normalizeField(key, raw);
  return params;
}

const NUMERIC_KEYS = new Set([
  "chat_id",
  "from_chat_id",
  "message_id",
  "user_id",
  "message_thread_id",
  "reply_to_message_id",
  "offset",
  "limit",
  "timeout",
  "duration",
  "width",
  "height",
  "until_date",
  "cache_time",
]);
const BOOLEAN_KEYS = /^(disable_|protect_|has_|supports_|show_|allow_|is_|drop_|only_|revoke_|can_)/;

/** Form fields are all strings; make them look like their JSON counterparts. */
function normalizeField(key: string, raw: string): unknown {
  if (raw.startsWith("{") || raw.startsWith("[")) {
    try {
      return JSON.parse(raw);
    } catch {
      return raw;
    }
  }
  if (NUMERIC_KEYS.has(key) && /^-?\d+$/.test(raw)) return Number(raw);
  if (BOOLEAN_KEYS.test(key) && (raw === "true" || raw === "false")) return raw === "true";
  return raw;
}
