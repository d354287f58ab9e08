import { Readable } from "node:stream";
import type { Context } from "hono";
import { z } from "zod";

/** A CSV download's 200 in the OpenAPI document; `description` says what its columns are. */
export const csvResponse = (description: string) => ({
  description,
  content: { "text/csv": { schema: z.string() } },
});

/** Streams the rows to the client as a CSV attachment named `fileName`. */
export function csvDownload(c: Context, rows: Readable, fileName: string) {
  const csv = Readable.toWeb(rows) as ReadableStream<Uint8Array>;
  return c.body(csv, 200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${fileName}"`,
  });
}
