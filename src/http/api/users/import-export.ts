import { segmentCondition } from "../../../features/segments/segment.js";
import { exportUsersCsv } from "../../../features/users/csv/export-users.js";
import { importUsers } from "../../../features/users/csv/import-users.js";
import { type UpsertKey, upsertUser } from "../../../features/users/upsert-user.js";
import { actorOf } from "../../actor.js";
import type { ApiApp, HttpDeps } from "../../app.js";
import { csvDownload } from "../../csv-download.js";
import { ApiError } from "../../errors.js";
import { importReportJson, userJsonOf } from "./json.js";
import { profileOf, segmentOf } from "./request.js";
import * as routes from "./routes.js";

const csvTypes = new Set(["text/csv", "application/octet-stream"]);

const upsertKeys = { telegram_id: "telegramId", email: "email", phone: "phone" } as const;

/** The verb's key for the route's `where` (already matched against its pattern). */
function upsertKeyOf(where: string): UpsertKey {
  if (where.startsWith("attribute:")) return { attribute: where.slice("attribute:".length) };
  return upsertKeys[where as keyof typeof upsertKeys];
}

/** The contact book in bulk and by key: the CSV export and import, and the upsert of one contact. */
export function registerImportExportRoutes(api: ApiApp, { services }: HttpDeps): void {
  api.openapi(routes.exportCsv, (c) => {
    const tree = segmentOf(c.req.valid("query").q, services);
    const now = services.now();
    const where = segmentCondition(tree, now, services.settings.get("mailing").timezone);
    services.audit.record({
      actor: actorOf(c),
      action: "users.export",
      after: { count: services.segments.countSegment(tree) },
    });
    return csvDownload(
      c,
      exportUsersCsv(services.db, { where }),
      `users-${now.toISOString().slice(0, 10)}.csv`,
    );
  });

  api.openapi(routes.importCsv, async (c) => {
    const { dry_run: dryRun, valid_rows_only: validRowsOnly } = c.req.valid("query");
    const type = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
    if (!csvTypes.has(type)) {
      throw new ApiError(415, "unsupported_media_type", "Send the CSV file as the body, as text/csv");
    }
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const report = await importUsers(services, actorOf(c), { file: bytes, dryRun, validRowsOnly });
    const body = importReportJson(report);
    if (dryRun || report.applied) return c.json(body, 200);
    const fileRefused = report.fileProblems.length > 0;
    return c.json(
      {
        error: {
          code: fileRefused ? "invalid_file" : "invalid_rows",
          message: fileRefused
            ? "The file cannot be imported: see report.file_problems"
            : `Nothing was imported: ${report.skipped.length} of ${report.rows} rows are wrong (see report.skipped); fix them, or send valid_rows_only=true`,
        },
        report: body,
      },
      422,
    );
  });

  api.openapi(routes.upsert, (c) => {
    const where = c.req.valid("query").where;
    const body = c.req.valid("json");
    const result = upsertUser(services, actorOf(c), {
      where: upsertKeyOf(where),
      telegramId: body.telegram_id,
      ...profileOf(body),
      tags: body.tags,
      attributes: body.attributes,
    });
    const answer = { user: userJsonOf(services, result.userId), outcome: result.outcome };
    return result.outcome === "created" ? c.json(answer, 201) : c.json(answer, 200);
  });
}
