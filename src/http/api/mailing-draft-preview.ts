import { createRoute, z } from "@hono/zod-openapi";
import { previewDraft } from "../../features/mailing/draft-preview.js";
import type { ApiApp, HttpDeps } from "../app.js";
import { errorResponses, notFound } from "../errors.js";
import { bearerSecurity, jsonResponse } from "../schemas.js";
import { newMailingInput } from "./mailing-input.js";
import {
  previewTypes,
  previewVariantField,
  renderedTextFields,
  renderedTextJson,
} from "./mailing-preview.js";
import { createMailingBody } from "./mailing-schemas.js";

const draftPreviewSchema = z
  .object({
    recipients: z
      .number()
      .int()
      .meta({ description: "How many users the mailing would be sent to if it started now" }),
    user: z
      .object({
        id: z.number().int(),
        first_name: z.string().nullable(),
        last_name: z.string().nullable(),
        username: z.string().nullable(),
      })
      .nullable()
      .meta({ description: "Whom the text is shown as: as_user, else the first recipient; null for nobody" }),
    variant: previewVariantField,
    type: z
      .enum(previewTypes)
      .nullable()
      .meta({ description: "What the user gets (copies and albums as they are); null without a user" }),
    ...renderedTextFields,
  })
  .meta({ id: "MailingDraftPreview" });

const draftPreviewRoute = createRoute({
  method: "post",
  path: "/mailings/preview",
  tags: ["Mailings"],
  summary:
    "A mailing not made yet, as `POST /mailings` would make it: its exact recipient count now and its message as one recipient gets it; nothing is stored",
  security: bearerSecurity,
  request: {
    query: z.object({
      as_user: z.coerce.number().int().optional().meta({
        description:
          "The user to preview as (a Telegram id, or an imported contact's id); absent: the first recipient",
        example: 42,
      }),
    }),
    body: { required: true, content: { "application/json": { schema: createMailingBody } } },
  },
  responses: {
    200: jsonResponse(draftPreviewSchema, "The draft as it would go out now"),
    ...errorResponses(400, 401, 404, 413, 415, 422),
  },
});

/** POST /mailings/preview: the body of a new mailing previewed, refused as creating it would be, storing nothing. */
export function registerMailingDraftPreviewRoute(api: ApiApp, { services }: HttpDeps): void {
  api.openapi(draftPreviewRoute, (c) => {
    const asUserId = c.req.valid("query").as_user;
    const asUser = asUserId === undefined ? undefined : services.users.find(asUserId);
    if (asUserId !== undefined && !asUser) throw notFound(`User ${asUserId}`);
    const input = newMailingInput(services.settings, c.req.valid("json"));
    const draft = previewDraft(services, input, asUser);
    const { user, message } = draft;
    return c.json(
      {
        recipients: draft.recipients,
        user: user && {
          id: user.id,
          first_name: user.firstName,
          last_name: user.lastName,
          username: user.username,
        },
        variant: message?.variant ?? null,
        type: message?.content.type ?? null,
        ...renderedTextJson(message?.rendered),
      },
      200,
    );
  });
}
