import { createRoute, z } from "@hono/zod-openapi";
import { apiActor } from "../../features/audit/audit-log.js";
import { changeSettings } from "../../features/settings/change-setting.js";
import {
  type SettingKey,
  type SettingsPatch,
  settingKeys,
  settingsSchemas,
} from "../../features/settings/settings.js";
import type { ApiApp, HttpDeps } from "../app.js";
import { ApiError, errorResponses, withFieldsAsIs } from "../errors.js";
import { bearerSecurity } from "../schemas.js";

const settingsDocument = z.object(settingsSchemas).meta({ id: "Settings" });

/** A PATCH names only what changes: some fields of some settings; unknown keys are refused. */
const settingsPatch = z
  .object(
    Object.fromEntries(
      settingKeys.map((key) => [key, settingsSchemas[key].partial().strict().optional()]),
    ) as unknown as Record<SettingKey, z.ZodOptional<z.ZodObject>>,
  )
  .strict()
  .meta({ id: "SettingsPatch" });

const getSettings = createRoute({
  method: "get",
  path: "/settings",
  tags: ["Settings"],
  summary: "Every setting the admin menu edits",
  security: bearerSecurity,
  responses: {
    200: { description: "The settings", content: { "application/json": { schema: settingsDocument } } },
    ...errorResponses(401),
  },
});

const patchSettings = createRoute({
  method: "patch",
  path: "/settings",
  tags: ["Settings"],
  summary:
    "Change some fields of some settings (all or nothing; audited as `api`). A change that would leave settings contradicting each other is refused with 409, e.g. `ref_link_only_without_links`",
  security: bearerSecurity,
  request: { body: { required: true, content: { "application/json": { schema: settingsPatch } } } },
  responses: {
    200: {
      description: "The settings after the change",
      content: { "application/json": { schema: settingsDocument } },
    },
    ...errorResponses(400, 401, 409, 413, 415),
  },
});

export function registerSettingsRoutes(api: ApiApp, { services }: HttpDeps): void {
  api.openapi(getSettings, (c) => c.json(services.settings.all() as never, 200));

  api.openapi(patchSettings, async (c) => {
    c.req.valid("json");
    // Only the fields the client sent: the validated copy has defaults filled in.
    const raw: unknown = await c.req.json().catch(() => undefined);
    // Without a JSON content type the validator sees no body at all; say so rather than change nothing.
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
      throw new ApiError(400, "invalid_request", "Send the settings to change as a JSON object", [
        { path: "body", message: "a JSON object with Content-Type: application/json" },
      ]);
    }
    const sent = raw as Partial<Record<SettingKey, Record<string, unknown>>>;
    return c.json(
      withFieldsAsIs(() => changeSettings(services, apiActor, sent as SettingsPatch)) as never,
      200,
    );
  });
}
