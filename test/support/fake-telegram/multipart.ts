export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

export function boundaryOf(contentType: string): string | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

/**
 * Splits a multipart/form-data body into parts. Binary-safe. Tolerates grammY's dialect
 * (`content-disposition:form-data;name="x";filename=y`, no spaces, unquoted filename).
 */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const opening = Buffer.from(`--${boundary}`);
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const parts: MultipartPart[] = [];
  let pos = body.indexOf(opening);
  if (pos < 0) return parts;
  pos += opening.length;
  while (body.subarray(pos, pos + 2).toString("latin1") !== "--") {
    const lineEnd = body.indexOf("\r\n", pos);
    if (lineEnd < 0) break;
    const start = lineEnd + 2;
    const end = body.indexOf(delimiter, start);
    if (end < 0) break;
    const part = parsePart(body.subarray(start, end));
    if (part !== undefined) parts.push(part);
    pos = end + delimiter.length;
  }
  return parts;
}

function parsePart(raw: Buffer): MultipartPart | undefined {
  const headerEnd = raw.indexOf("\r\n\r\n");
  if (headerEnd < 0) return undefined;
  const headers = new Map<string, string>();
  for (const line of raw.subarray(0, headerEnd).toString("utf8").split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const disposition = headers.get("content-disposition") ?? "";
  const attributes = new Map<string, string>();
  for (const match of disposition.matchAll(/;\s*(name|filename)=(?:"((?:[^"\\]|\\.)*)"|([^;]*))/gi)) {
    const key = (match[1] ?? "").toLowerCase();
    attributes.set(key, (match[2] ?? match[3] ?? "").trim());
  }
  const name = attributes.get("name");
  if (name === undefined) return undefined;
  const part: MultipartPart = { name, data: raw.subarray(headerEnd + 4) };
  const filename = attributes.get("filename");
  if (filename !== undefined) part.filename = filename;
  const contentType = headers.get("content-type");
  if (contentType !== undefined) part.contentType = contentType;
  return part;
}
