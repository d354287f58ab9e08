import { createRoute, z } from "@hono/zod-openapi";
import { UsherError } from "../../errors.js";
import { changeSettings } from "../../features/settings/change-setting.js";
import { type SettingsPatch, settingsSchemas } from "../../features/settings/settings.js";
import { actorOf } from "../actor.js";
import type { ApiApp, HttpDeps } from "../app.js";
import { ApiError, apiErrorOf, errorResponses, validationError } from "../errors.js";
import { bearerSecurity } from "../schemas.js";
import { snakeCase } from "../snake-case.js";
import { snakeCaseKeys } from "../snake-case-keys.js";

/** The settings document with snake_case keys at every level, like every other API body. */
const apiSettings = snakeCaseKeys(z.object(settingsSchemas));

const settingsDocument = apiSettings.schema.meta({ id: "Settings" });

/** A PATCH names only what changes: some fields of some settings; unknown keys are refused. */
const settingsPatch = z
  .object(
    Object.fromEntries(
      Object.entries(apiSettings.schema.shape as Record<string, z.ZodObject>).map(([key, setting]) => [
        key,
        setting.partial().strict().optional(),
      ]),
    ),
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

/** zod's refusal of the body; an unknown camelCase key (a client from before keys were snake_case) gets its snake_case name. */
function refusalOfPatch(problems: z.ZodError): ApiError {
  const issues = problems.issues.map((issue) => {
    const camelCase = issue.code === "unrecognized_keys" ? issue.keys.filter((k) => snakeCase(k) !== k) : [];
    if (camelCase.length === 0) return issue;
    return {
      ...issue,
      message: `${issue.message}; keys are snake_case: ${camelCase.map(snakeCase).join(", ")}`,
    };
  });
  return validationError("body", new z.ZodError(issues));
}

export function registerSettingsRoutes(api: ApiApp, { services }: HttpDeps): void {
  api.openapi(getSettings, (c) => c.json(apiSettings.toApi(services.settings.all()) as never, 200));

  api.openapi(
    patchSettings,
    async (c) => {
      c.req.valid("json");
      // Only the fields the client sent: the validated copy has defaults filled in.
      const raw: unknown = await c.req.json().catch(() => undefined);
      // Without a JSON content type the validator sees no body at all; say so rather than change nothing.
      if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
        throw new ApiError(400, "invalid_request", "Send the settings to change as a JSON object", [
          { path: "body", message: "a JSON object with Content-Type: application/json" },
        ]);
      }
      const patch = apiSettings.fromApi(raw) as SettingsPatch;
      try {
        return c.json(apiSettings.toApi(changeSettings(services, actorOf(c), patch)) as never, 200);
      } catch (error) {
        throw error instanceof UsherError ? apiErrorOf(error, apiSettings.apiPath) : error;
      }
    },
    (result) => {
      if (!result.success) throw refusalOfPatch(result.error);
    },
  );
}
