import { createRoute, z } from "@hono/zod-openapi";
import type { UserRecord } from "../../db/schema/index.js";
import type { MessageContent } from "../../features/content/message-content.js";
import type { UrlButton } from "../../features/mailing/mailing.js";
import { textAsUser } from "../../features/personalization/text-as-user.js";
import { variantFor } from "../../features/variants/variant-for.js";
import type { ApiApp, HttpDeps } from "../app.js";
import { errorResponses, notFound } from "../errors.js";
import { bearerSecurity, jsonResponse, urlButtonRows } from "../schemas.js";
import { codeParams } from "./deeplinks.js";
import { renderedTextFields, renderedTextJson } from "./mailing-preview.js";

const contentPreviewSchema = z
  .object({
    user_id: z.number().int(),
    type: z.enum(["text", "copy"]).meta({ description: "A copy is copied as it is, with no fields filled" }),
    ...renderedTextFields,
    buttons: urlButtonRows("The URL buttons under it, as set (a recipient's copy carries tracked links)"),
  })
  .meta({ id: "ContentPreview" });

const asUserQuery = z.object({
  as_user: z.coerce.number().int().meta({
    description: "The user to preview as (a Telegram id, or an imported contact's id)",
    example: 42,
  }),
});

const welcomePreviewRoute = createRoute({
  method: "get",
  path: "/settings/welcome/preview",
  tags: ["Settings"],
  summary: "The welcome message as one user would get it: their fields filled, nothing sent",
  security: bearerSecurity,
  request: { query: asUserQuery },
  responses: {
    200: jsonResponse(contentPreviewSchema, "The welcome as that user gets it"),
    ...errorResponses(400, 401, 404),
  },
});

const deeplinkPreviewRoute = createRoute({
  method: "get",
  path: "/deeplinks/{code}/preview",
  tags: ["Deeplinks"],
  summary:
    "A deeplink's content as one user would get it: the variant in their language if any, their fields filled, nothing sent or counted",
  security: bearerSecurity,
  request: { params: codeParams, query: asUserQuery },
  responses: {
    200: jsonResponse(contentPreviewSchema, "The content as that user gets it"),
    ...errorResponses(400, 401, 404),
  },
});

/** GET /settings/welcome/preview and GET /deeplinks/{code}/preview: admin content as one user gets it. */
export function registerContentPreviewRoutes(api: ApiApp, { services }: HttpDeps): void {
  const userOf = (id: number): UserRecord => {
    const user = services.users.find(id);
    if (!user) throw notFound(`User ${id}`);
    return user;
  };
  const previewJson = (user: UserRecord, content: MessageContent, buttons: readonly UrlButton[][]) => ({
    user_id: user.id,
    type: content.type,
    ...renderedTextJson(content.type === "text" ? textAsUser(services, content, user) : undefined),
    buttons: buttons.map((row) => row.map((b) => ({ text: b.text, url: b.url }))),
  });

  api.openapi(welcomePreviewRoute, (c) => {
    const user = userOf(c.req.valid("query").as_user);
    const { content, buttons } = services.settings.get("welcome");
    return c.json(previewJson(user, content, buttons), 200);
  });

  api.openapi(deeplinkPreviewRoute, (c) => {
    const { code } = c.req.valid("param");
    const deeplink = services.deeplinks.find(code);
    if (!deeplink) throw notFound(`Deeplink ${code}`);
    const user = userOf(c.req.valid("query").as_user);
    const content = variantFor(services.variants, `deeplink:${code}`, user) ?? deeplink.content;
    return c.json(previewJson(user, content, deeplink.buttons), 200);
  });
}
