import { z } from "@hono/zod-openapi";
import type { TextVariantRecord } from "../../db/schema/index.js";
import type { SequenceContent } from "../../features/sequences/sequence.js";
import { removeVariant, setVariant, variantsOf } from "../../features/variants/variant-commands.js";
import { parseSubject, settingsSubjects } from "../../features/variants/variant-subject.js";
import { actorOf } from "../actor.js";
import type { ApiApp, HttpDeps } from "../app.js";
import { ApiError, errorResponses, notFound } from "../errors.js";
import { bearerRoutes, copyInput, isoTime, jsonBody, jsonResponse, messageTextInput } from "../schemas.js";
import { pollContentFrom, pollInput } from "./mailing-polls.js";
import { stepContentJson, stepContentSchema } from "./sequences-schemas.js";

// --- schemas

const subjectParam = z
  .string()
  .min(1)
  .max(100)
  .meta({
    description: `The text: ${Object.keys(settingsSubjects).join(", ")}, deeplink:<code>, question:<id> (a form question's prompt) or step:<id> (a sequence step's content)`,
    example: "captcha.intro",
  });

const languageParam = z.string().min(1).max(35).meta({
  description:
    "A language code; its primary subtag is kept (pt-BR → pt). Any language, not only the bot's own",
  example: "ru",
});

const variantSchema = z
  .object({
    language: z.string().meta({ example: "ru" }),
    content: stepContentSchema.meta({
      description: "A plain text (settings texts, questions) shows as type text without parse mode",
    }),
    updated_at: isoTime,
    updated_by: z
      .number()
      .int()
      .nullable()
      .meta({ description: "The admin; null: the API or the command line" }),
  })
  .meta({ id: "TextVariant" });

const variantListSchema = z
  .object({ subject: z.string(), variants: z.array(variantSchema) })
  .meta({ id: "TextVariantList" });

const variantBody = z
  .object({
    text: messageTextInput.optional(),
    parse_mode: z.enum(["HTML", "MarkdownV2"]).optional().meta({ description: "Only with text" }),
    disable_link_preview: z.boolean().optional().meta({ description: "Only with text" }),
    copy: copyInput.optional().meta({ description: "welcome, deeplink:<code> and step:<id> only" }),
    album: z
      .object({
        from_chat_id: z.number().int(),
        message_ids: z.array(z.number().int().positive()).min(2).max(10),
      })
      .strict()
      .optional()
      .meta({ description: "step:<id> only" }),
    poll: pollInput.optional().meta({ description: "step:<id> only" }),
  })
  .strict()
  .superRefine((body, ctx) => {
    const given = [body.text, body.copy, body.album, body.poll].filter((x) => x !== undefined).length;
    if (given !== 1)
      ctx.addIssue({ code: "custom", path: ["text"], message: "send one of text, copy, album or poll" });
  })
  .meta({
    id: "TextVariantInput",
    description:
      "The text in that language, checked like the default: a plain text for settings texts and questions; text or copy for the welcome and deeplinks; text, copy, album or poll for steps. URL buttons stay the default's",
  });

const params = z.object({ subject: subjectParam });
const languageParams = z.object({ subject: subjectParam, language: languageParam });

// --- routes

const route = bearerRoutes(["Variants"]);

const listRoute = route({
  method: "get",
  path: "/variants/{subject}",
  summary: "The variants of an admin-written text per language (users of other languages get the default)",
  request: { params },
  responses: {
    200: jsonResponse(variantListSchema, "Its variants by language"),
    ...errorResponses(400, 401, 404),
  },
});

const setRoute = route({
  method: "put",
  path: "/variants/{subject}/{language}",
  summary: "Write or replace a text's variant in one language (audited as `api`, `variants.set`)",
  request: { params: languageParams, body: jsonBody(variantBody) },
  responses: {
    200: jsonResponse(variantSchema, "The variant as stored"),
    ...errorResponses(400, 401, 404, 413, 415),
  },
});

const deleteRoute = route({
  method: "delete",
  path: "/variants/{subject}/{language}",
  summary: "Delete a text's variant in one language: its users get the default again (audited as `api`)",
  request: { params: languageParams },
  responses: { 204: { description: "Deleted" }, ...errorResponses(400, 401, 404) },
});

// --- mapping

function variantJson(variant: TextVariantRecord): z.infer<typeof variantSchema> {
  const content: SequenceContent =
    typeof variant.content === "string" ? { type: "text", text: variant.content } : variant.content;
  return {
    language: variant.language,
    content: stepContentJson(content),
    updated_at: variant.updatedAt.toISOString(),
    updated_by: variant.updatedBy,
  };
}

const onlyText = (what: string) =>
  new ApiError(400, "invalid_request", `body.text: ${what} takes a plain text only`, [
    { path: "body.text", message: "send text only" },
  ]);

/** The content a body names, in the verb's terms for this subject's kind. */
function contentOf(subject: string, body: z.infer<typeof variantBody>): unknown {
  const parsed = parseSubject(subject);
  const plain =
    parsed && (parsed.kind === "question" || (parsed.kind === "settings" && parsed.subject !== "welcome"));
  if (plain) {
    if (body.text === undefined || body.parse_mode !== undefined || body.disable_link_preview !== undefined)
      throw onlyText(subject);
    return body.text;
  }
  if (body.copy) return { type: "copy", fromChatId: body.copy.from_chat_id, messageId: body.copy.message_id };
  if (body.album)
    return { type: "album", fromChatId: body.album.from_chat_id, messageIds: body.album.message_ids };
  if (body.poll) return pollContentFrom(body.poll);
  return {
    type: "text",
    text: body.text,
    ...(body.parse_mode && { parseMode: body.parse_mode }),
    ...(body.disable_link_preview && { disableLinkPreview: true }),
  };
}

export function registerVariantRoutes(api: ApiApp, deps: HttpDeps): void {
  const { services } = deps;

  api.openapi(listRoute, (c) => {
    const { subject } = c.req.valid("param");
    return c.json({ subject, variants: variantsOf(services, subject).map(variantJson) }, 200);
  });

  api.openapi(setRoute, (c) => {
    const { subject, language } = c.req.valid("param");
    const content = contentOf(subject, c.req.valid("json"));
    return c.json(variantJson(setVariant(services, actorOf(c), { subject, language, content })), 200);
  });

  api.openapi(deleteRoute, (c) => {
    const { subject, language } = c.req.valid("param");
    if (!removeVariant(services, actorOf(c), { subject, language }))
      throw notFound(`The ${language} variant of ${subject}`);
    return c.body(null, 204);
  });
}
