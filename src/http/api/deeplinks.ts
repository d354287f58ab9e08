import { createRoute, z } from "@hono/zod-openapi";
import type { MessageContent } from "../../features/content/message-content.js";
import { checkDeeplinkCode, deeplinkCodePattern } from "../../features/gate/deeplinks/deeplink-code.js";
import {
  changeDeeplink,
  createDeeplink,
  deleteDeeplink,
} from "../../features/gate/deeplinks/deeplink-commands.js";
import type { DeeplinkRecord } from "../../features/gate/deeplinks/deeplink-repository.js";
import { maxTagsPerDeeplink, tagPattern } from "../../features/gate/deeplinks/deeplink-tags.js";
import { startLink } from "../../features/gate/start-payload.js";
import { actorOf } from "../actor.js";
import type { ApiApp, HttpDeps } from "../app.js";
import { botIdentity } from "../bot-identity.js";
import { errorResponses, notFound } from "../errors.js";
import {
  bearerSecurity,
  copyContentSchema,
  copyInput,
  count,
  jsonBody,
  jsonResponse,
  messageTextInput,
  textContentSchema,
  urlButtonRows,
} from "../schemas.js";

// --- schemas

const contentSchema = z
  .discriminatedUnion("type", [
    textContentSchema.extend({
      entities: z
        .array(z.looseObject({ type: z.string(), offset: z.number().int(), length: z.number().int() }))
        .nullable()
        .meta({ description: "Formatting of a text an admin wrote in Telegram (Bot API MessageEntity)" }),
    }),
    copyContentSchema,
  ])
  .meta({ id: "DeeplinkContent" });

const buttonRowsOut = z.array(z.array(z.object({ text: z.string(), url: z.string() })));

const deeplinkSchema = z
  .object({
    code: z.string(),
    link: z.string().meta({ example: "https://t.me/usher_bot?start=SpringGift" }),
    content: contentSchema,
    tags: z.array(z.string()).meta({ description: "Given to everyone who opens the link" }),
    topics: z
      .array(z.string())
      .meta({ description: "Topic names everyone who opens the link is subscribed to" }),
    buttons: buttonRowsOut.meta({ description: "Rows of URL buttons under the content" }),
    hits: count.meta({ description: "How often the link delivered its content" }),
    created_at: z.string().meta({ format: "date-time" }),
  })
  .meta({ id: "Deeplink" });

const deeplinkListSchema = z
  .object({ deeplinks: z.array(deeplinkSchema), total: count })
  .meta({ id: "DeeplinkList" });

const codeField = z
  .string()
  .regex(deeplinkCodePattern, { message: "1 to 64 characters of A-Z, a-z, 0-9, _ and -" })
  .refine((code) => !deeplinkCodePattern.test(code) || checkDeeplinkCode(code).ok, {
    message: "starts with a lower-case r or a: it reads as a referral or campaign link and would never open",
  });

const buttonRowsIn = urlButtonRows("Rows of URL buttons under the content; [] for none");

const contentFields = {
  text: messageTextInput.optional(),
  parse_mode: z.enum(["HTML", "MarkdownV2"]).optional().meta({ description: "Only with text" }),
  disable_link_preview: z.boolean().optional().meta({ description: "Only with text" }),
  copy: copyInput
    .optional()
    .meta({ description: "A message stored in a chat the bot can read, copied to whoever opens the link" }),
  tags: z
    .array(
      z.string().refine((tag) => tagPattern.test(tag.toLowerCase()), {
        message: "up to 32 characters of a-z, 0-9, _ and -",
      }),
    )
    .max(maxTagsPerDeeplink)
    .optional()
    .meta({ description: "Lower-cased, duplicates dropped; [] for none" }),
  buttons: buttonRowsIn.optional(),
  topics: z.array(z.string()).max(maxTagsPerDeeplink).optional().meta({
    description: "Names of existing topics (see /topics) to subscribe whoever opens the link to; [] for none",
  }),
};

type ContentFields = { text?: string; parse_mode?: unknown; disable_link_preview?: unknown; copy?: unknown };

/** text or copy (at most one; with `required`, exactly one); parse_mode and disable_link_preview only with text. */
function checkContentChoice(body: ContentFields, ctx: z.RefinementCtx, required: boolean): void {
  if (body.text !== undefined && body.copy !== undefined) {
    ctx.addIssue({ code: "custom", path: ["copy"], message: "send only one of text or copy" });
  } else if (required && body.text === undefined && body.copy === undefined) {
    ctx.addIssue({ code: "custom", path: ["text"], message: "send one of text or copy" });
  }
  if (body.text === undefined) {
    for (const key of ["parse_mode", "disable_link_preview"] as const) {
      if (body[key] !== undefined) ctx.addIssue({ code: "custom", path: [key], message: "only with text" });
    }
  }
}

const newDeeplinkBody = z
  .object({
    code: codeField.optional().meta({
      description: "The link's code (`?start=<code>`); absent: a random one",
      example: "SpringGift",
    }),
    ...contentFields,
  })
  .strict()
  .superRefine((body, ctx) => checkContentChoice(body, ctx, true))
  .meta({ id: "NewDeeplink" });

const deeplinkPatchBody = z
  .object(contentFields)
  .strict()
  .superRefine((body, ctx) => checkContentChoice(body, ctx, false))
  .meta({ id: "DeeplinkPatch", description: "Only what changes; text or copy replaces the content" });

/** A deeplink code in a path. */
export const codeParams = z.object({
  code: z
    .string()
    .regex(deeplinkCodePattern, { message: "not a deeplink code" })
    .meta({ description: "The deeplink's code", example: "SpringGift" }),
});

const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

// --- routes

const tags = ["Deeplinks"];

const listRoute = createRoute({
  method: "get",
  path: "/deeplinks",
  tags,
  summary: "Deeplinks (`?start=<code>` links that deliver content and give tags), newest first",
  security: bearerSecurity,
  request: { query: listQuery },
  responses: {
    200: jsonResponse(deeplinkListSchema, "One page and the total"),
    ...errorResponses(400, 401, 503),
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/deeplinks/{code}",
  tags,
  summary: "One deeplink",
  security: bearerSecurity,
  request: { params: codeParams },
  responses: { 200: jsonResponse(deeplinkSchema, "The deeplink"), ...errorResponses(400, 401, 404, 503) },
});

const createDeeplinkRoute = createRoute({
  method: "post",
  path: "/deeplinks",
  tags,
  summary: "Create a deeplink: a text or a copied message, tags and URL buttons (audited as `api`)",
  security: bearerSecurity,
  request: { body: jsonBody(newDeeplinkBody) },
  responses: {
    201: jsonResponse(deeplinkSchema, "The deeplink and its link"),
    ...errorResponses(400, 401, 409, 413, 415, 503),
  },
});

const patchRoute = createRoute({
  method: "patch",
  path: "/deeplinks/{code}",
  tags,
  summary: "Change a deeplink's content, tags or buttons (all or nothing; audited as `api`)",
  security: bearerSecurity,
  request: { params: codeParams, body: jsonBody(deeplinkPatchBody) },
  responses: {
    200: jsonResponse(deeplinkSchema, "The deeplink after the change"),
    ...errorResponses(400, 401, 404, 413, 415, 503),
  },
});

const deleteRoute = createRoute({
  method: "delete",
  path: "/deeplinks/{code}",
  tags,
  summary: "Delete a deeplink: its link stops working; tags it gave stay (audited as `api`)",
  security: bearerSecurity,
  request: { params: codeParams },
  responses: { 204: { description: "Deleted" }, ...errorResponses(400, 401, 404) },
});

// --- mapping

function contentJson(content: MessageContent): z.infer<typeof contentSchema> {
  if (content.type === "copy") {
    return { type: "copy", from_chat_id: content.fromChatId, message_id: content.messageId };
  }
  return {
    type: "text",
    text: content.text,
    parse_mode: content.parseMode ?? null,
    disable_link_preview: content.disableLinkPreview ?? false,
    entities: content.entities ? content.entities.map((entity) => ({ ...entity })) : null,
  };
}

function toDeeplinkJson(
  deeplink: DeeplinkRecord,
  botUsername: string,
  topicName: (id: number) => string | undefined,
): z.infer<typeof deeplinkSchema> {
  return {
    code: deeplink.code,
    link: startLink(botUsername, deeplink.code),
    content: contentJson(deeplink.content),
    tags: deeplink.tags,
    topics: deeplink.topicIds.flatMap((id) => topicName(id) ?? []),
    buttons: deeplink.buttons.map((row) => row.map((b) => ({ text: b.text, url: b.url }))),
    hits: deeplink.hits,
    created_at: deeplink.createdAt.toISOString(),
  };
}

/** The content a body names, if it names one. */
function contentOf(body: z.infer<typeof deeplinkPatchBody>): MessageContent | undefined {
  if (body.copy) return { type: "copy", fromChatId: body.copy.from_chat_id, messageId: body.copy.message_id };
  if (body.text === undefined) return undefined;
  return {
    type: "text",
    text: body.text,
    ...(body.parse_mode && { parseMode: body.parse_mode }),
    ...(body.disable_link_preview && { disableLinkPreview: true }),
  };
}

export function registerDeeplinkRoutes(api: ApiApp, deps: HttpDeps): void {
  const { services } = deps;
  const topicName = (id: number) => services.topics.find(id)?.name;

  api.openapi(listRoute, async (c) => {
    const page = c.req.valid("query");
    const { username } = await botIdentity(deps);
    return c.json(
      {
        deeplinks: services.deeplinks
          .listNewestFirst(page)
          .map((d) => toDeeplinkJson(d, username, topicName)),
        total: services.deeplinks.count(),
      },
      200,
    );
  });

  api.openapi(getRoute, async (c) => {
    const { code } = c.req.valid("param");
    const deeplink = services.deeplinks.find(code);
    if (!deeplink) throw notFound(`Deeplink ${code}`);
    return c.json(toDeeplinkJson(deeplink, (await botIdentity(deps)).username, topicName), 200);
  });

  api.openapi(createDeeplinkRoute, async (c) => {
    const input = c.req.valid("json");
    // Asked before the change, so a change is never made and then answered with an error.
    const { username } = await botIdentity(deps);
    const created = createDeeplink(services, actorOf(c), {
      ...(input.code !== undefined && { code: input.code }),
      content: contentOf(input) as MessageContent,
      ...(input.tags !== undefined && { tags: input.tags }),
      ...(input.buttons !== undefined && { buttons: input.buttons }),
      ...(input.topics !== undefined && { topics: input.topics }),
    });
    return c.json(toDeeplinkJson(created, username, topicName), 201);
  });

  api.openapi(patchRoute, async (c) => {
    const { code } = c.req.valid("param");
    const input = c.req.valid("json");
    const { username } = await botIdentity(deps);
    const content = contentOf(input);
    const changed = changeDeeplink(services, actorOf(c), {
      code,
      changes: {
        ...(content !== undefined && { content }),
        ...(input.tags !== undefined && { tags: input.tags }),
        ...(input.buttons !== undefined && { buttons: input.buttons }),
        ...(input.topics !== undefined && { topics: input.topics }),
      },
    });
    if (!changed) throw notFound(`Deeplink ${code}`);
    return c.json(toDeeplinkJson(changed, username, topicName), 200);
  });

  api.openapi(deleteRoute, (c) => {
    const { code } = c.req.valid("param");
    if (!deleteDeeplink(services, actorOf(c), code)) throw notFound(`Deeplink ${code}`);
    return c.body(null, 204);
  });
}
