import { createRoute, z } from "@hono/zod-openapi";
import type { AuditEntry } from "../../features/audit/audit-repository.js";
import type { ApiApp, HttpDeps } from "../app.js";
import { errorResponses } from "../errors.js";
import { bearerSecurity } from "../schemas.js";

const entrySchema = z
  .object({
    id: z.number().int(),
    actor: z.object({
      kind: z.enum(["admin", "system"]),
      id: z
        .number()
        .int()
        .nullable()
        .meta({ description: "The admin's Telegram id; null for a system actor" }),
      label: z.string().meta({ description: "The admin's id as text, or the system's name such as `api`" }),
    }),
    action: z.string().meta({ example: "settings.captcha" }),
    before: z.unknown().meta({ description: "What changed, as it was (no personal data)" }),
    after: z.unknown().meta({ description: "What changed, as it became" }),
    at: z.string().meta({ format: "date-time" }),
  })
  .meta({ id: "AuditEntry" });

const auditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z
    .string()
    .regex(/^[1-9]\d{0,15}$/, "a next_cursor from an earlier page")
    .optional()
    .meta({ description: "`next_cursor` of the previous page" }),
});

const listAudit = createRoute({
  method: "get",
  path: "/audit",
  tags: ["Audit"],
  summary: "The audit log, newest first: who changed what, from which value to which, and when",
  security: bearerSecurity,
  request: { query: auditQuery },
  responses: {
    200: {
      description: "One page of entries",
      content: {
        "application/json": {
          schema: z.object({ entries: z.array(entrySchema), next_cursor: z.string().nullable() }),
        },
      },
    },
    ...errorResponses(400, 401),
  },
});

function toEntryJson(entry: AuditEntry) {
  return {
    id: entry.id,
    actor: {
      kind: entry.actorId === null ? ("system" as const) : ("admin" as const),
      id: entry.actorId,
      label: entry.actorLabel,
    },
    action: entry.action,
    before: entry.before ?? null,
    after: entry.after ?? null,
    at: entry.at.toISOString(),
  };
}

/** GET /audit: what the admin menu's 📜 Audit log shows, paged by keyset. */
export function registerAuditRoutes(api: ApiApp, { services }: HttpDeps): void {
  api.openapi(listAudit, (c) => {
    const { limit, cursor } = c.req.valid("query");
    const entries = services.audit.before(cursor === undefined ? undefined : Number(cursor), limit);
    const last = entries.at(-1);
    return c.json(
      {
        entries: entries.map(toEntryJson),
        next_cursor: entries.length === limit && last ? String(last.id) : null,
      },
      200,
    );
  });
}
