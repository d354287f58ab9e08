import { createRoute, z } from "@hono/zod-openapi";
import type { TextFormatting } from "../../features/content/text-content.js";
import { previewFor } from "../../features/mailing/mailing-preview.js";
import type { ApiApp, HttpDeps } from "../app.js";
import { ApiError, errorResponses, notFound } from "../errors.js";
import { bearerSecurity, jsonResponse } from "../schemas.js";

/** A preview's text as one user gets it, with its formatting: shared by every preview route. */
export const renderedTextFields = {
  text: z.string().nullable().meta({ description: "The text exactly as this user gets it; null for copies" }),
  parse_mode: z.enum(["HTML", "MarkdownV2"]).nullable(),
  entities: z
    .array(z.looseObject({ type: z.string(), offset: z.number().int(), length: z.number().int() }))
    .nullable()
    .meta({ description: "Formatting entities moved to fit the filled text; null with a parse mode" }),
};

/** Which variant a previewed user gets: shared by the mailing's and the draft's preview. */
export const previewVariantField = z
  .number()
  .int()
  .nullable()
  .meta({ description: "The position of the variant this user gets; null: the mailing's own message" });

/** What a previewed user gets; copies and albums are copied as they are, a poll sent as it is. */
export const previewTypes = ["text", "copy", "album", "poll"] as const;

/** A rendered text (absent for copies) as the fields of `renderedTextFields`. */
export function renderedTextJson(rendered: { text: string; formatting: TextFormatting } | undefined) {
  const formatting = rendered?.formatting;
  return {
    text: rendered?.text ?? null,
    parse_mode: formatting?.parse_mode ?? null,
    entities: formatting && !formatting.parse_mode ? (formatting.entities ?? []) : null,
  };
}

const previewSchema = z
  .object({
    mailing_id: z.number().int(),
    user_id: z.number().int(),
    variant: previewVariantField,
    type: z
      .enum(previewTypes)
      .meta({ description: "Copies and albums are copied as they are; a poll is sent as it is" }),
    ...renderedTextFields,
  })
  .meta({ id: "MailingPreview" });

const previewRoute = createRoute({
  method: "get",
  path: "/mailings/{id}/preview",
  tags: ["Mailings"],
  summary: "A mailing's message as one user would get it: their variant, their fields filled",
  security: bearerSecurity,
  request: {
    params: z.object({
      id: z.coerce.number().int().positive().meta({ description: "The mailing id", example: 7 }),
    }),
    query: z.object({
      as_user: z.coerce.number().int().meta({
        description: "The user to preview as (a Telegram id, or an imported contact's id)",
        example: 42,
      }),
    }),
  },
  responses: {
    200: jsonResponse(previewSchema, "The message as that user gets it"),
    ...errorResponses(400, 401, 404, 422),
  },
});

/** GET /mailings/{id}/preview?as_user=: what the engine would send that user, without sending it. */
export function registerMailingPreviewRoute(api: ApiApp, { services }: HttpDeps): void {
  api.openapi(previewRoute, (c) => {
    const { id } = c.req.valid("param");
    const userId = c.req.valid("query").as_user;
    const mailing = services.mailings.find(id);
    if (!mailing) throw notFound(`Mailing ${id}`);
    if (mailing.payload.kind !== "message")
      throw new ApiError(422, "no_message", `Mailing ${id} is a Check Users run: it sends no message`);
    const user = services.users.find(userId);
    if (!user) throw notFound(`User ${userId}`);
    const preview = previewFor(services, mailing.payload.content, services.mailingVariants.list(id), user);
    return c.json(
      {
        mailing_id: id,
        user_id: userId,
        variant: preview.variant,
        type: preview.content.type,
        ...renderedTextJson(preview.rendered),
      },
      200,
    );
  });
}
