import { createRoute, z } from "@hono/zod-openapi";
import {
  type ChatReferenceProblem,
  parseChatReference,
  parseJoinLink,
} from "../../features/gate/required-chats/chat-reference.js";
import { type ChatInspection, inspectChat } from "../../features/gate/required-chats/inspect-chat.js";
import {
  addRequiredChat,
  removeRequiredChat,
} from "../../features/gate/required-chats/required-chat-commands.js";
import type { RequiredChatRecord } from "../../features/gate/required-chats/required-chat-repository.js";
import { actorOf } from "../actor.js";
import type { ApiApp, HttpDeps } from "../app.js";
import { botIdentity } from "../bot-identity.js";
import { ApiError, errorResponses, notFound } from "../errors.js";
import { bearerSecurity, jsonResponse } from "../schemas.js";

// --- schemas

const requiredChatSchema = z
  .object({
    chat_id: z.number().int().meta({ example: -1001234567890 }),
    title: z.string(),
    join_url: z
      .string()
      .meta({ description: "The link newcomers get to join", example: "https://t.me/usher_news" }),
    position: z.number().int().meta({ description: "Order of the join buttons" }),
    added_at: z.string().meta({ format: "date-time" }),
    inaccessible_alerted_at: z.string().nullable().meta({
      format: "date-time",
      description: "When admins were told the bot cannot read its members; null once checks work",
    }),
  })
  .meta({ id: "RequiredChat" });

const requiredChatListSchema = z
  .object({ required_chats: z.array(requiredChatSchema) })
  .meta({ id: "RequiredChatList" });

const chatProblems: Record<ChatReferenceProblem, string> = {
  private_invite:
    "a private invite link cannot be looked up by a bot; send the chat's id (like -1001234567890)",
  forwarded_from_user: "not a channel or group",
  user_id: "a person's id; channel and group ids are negative, like -1001234567890",
  unrecognized: "not an @username, a chat id like -1001234567890 or a t.me link",
};

const newRequiredChatBody = z
  .object({
    chat: z
      .string()
      .max(256)
      .superRefine((chat, ctx) => {
        const parsed = parseChatReference({ text: chat });
        if (!parsed.ok) ctx.addIssue({ code: "custom", message: chatProblems[parsed.problem] });
      })
      .meta({
        description: "The channel or group: @username, its id, or its public link (t.me/username)",
        example: "@usher_news",
      }),
    join_url: z
      .string()
      .max(256)
      .refine((url) => parseJoinLink(url) !== null, {
        message: "not a Telegram join link like https://t.me/+AbCdEf123 or https://t.me/username",
      })
      .optional()
      .meta({
        description:
          "The link newcomers get; absent: the chat's public link, its invite link or a new one the bot creates",
      }),
  })
  .strict()
  .meta({ id: "NewRequiredChat" });

const chatIdParams = z.object({
  chat_id: z.coerce
    .number()
    .int()
    .negative({ message: "channel and group ids are negative" })
    .refine(Number.isSafeInteger, { message: "not a chat id" })
    .meta({ description: "The chat's id", example: -1001234567890 }),
});

// --- routes

const tags = ["Subscription check"];

const listRoute = createRoute({
  method: "get",
  path: "/required-chats",
  tags,
  summary: "The chats newcomers must join (the subscription check), in the order of their join buttons",
  security: bearerSecurity,
  responses: { 200: jsonResponse(requiredChatListSchema, "The required chats"), ...errorResponses(401) },
});

const addRoute = createRoute({
  method: "post",
  path: "/required-chats",
  tags,
  summary:
    "Require a channel or group: looked up through Telegram, the bot must be an administrator there (audited as `api`)",
  security: bearerSecurity,
  request: {
    body: { required: true, content: { "application/json": { schema: newRequiredChatBody } } },
  },
  responses: {
    201: jsonResponse(requiredChatSchema, "The chat, added at the end of the list"),
    ...errorResponses(400, 401, 409, 413, 415, 422, 503),
  },
});

const removeRoute = createRoute({
  method: "delete",
  path: "/required-chats/{chat_id}",
  tags,
  summary: "Stop requiring a chat (audited as `api`)",
  security: bearerSecurity,
  request: { params: chatIdParams },
  responses: { 204: { description: "Removed" }, ...errorResponses(400, 401, 404) },
});

// --- mapping

function toRequiredChatJson(chat: RequiredChatRecord): z.infer<typeof requiredChatSchema> {
  return {
    chat_id: chat.chatId,
    title: chat.title,
    join_url: chat.joinUrl,
    position: chat.position,
    added_at: chat.addedAt.toISOString(),
    inaccessible_alerted_at: chat.inaccessibleAlertedAt?.toISOString() ?? null,
  };
}

/** Why a chat the lookup found (or did not) cannot be required, as the API answers it. */
function inspectionError(inspection: Exclude<ChatInspection, { kind: "ok" }>, bot: string): ApiError {
  switch (inspection.kind) {
    case "not_found":
      return new ApiError(
        422,
        "chat_not_found",
        `Telegram finds no such chat for the bot: add @${bot} to it as an administrator, then try again`,
      );
    case "private_chat":
      return new ApiError(
        422,
        "private_chat",
        "That is a private chat with a person, not a channel or group",
      );
    case "duplicate":
      return new ApiError(409, "already_listed", `“${inspection.title}” is already required`);
    case "bot_not_admin":
      return new ApiError(
        422,
        "bot_not_admin",
        `@${bot} is not an administrator of “${inspection.title}”, so it cannot check who joined: make it one, then try again`,
      );
    case "failed":
      return new ApiError(
        503,
        "telegram_failed",
        `Telegram did not answer as expected (${inspection.description}); try again in a moment`,
      );
  }
}

export function registerRequiredChatsRoutes(api: ApiApp, deps: HttpDeps): void {
  const { services } = deps;

  api.openapi(listRoute, (c) =>
    c.json({ required_chats: services.requiredChats.list().map(toRequiredChatJson) }, 200),
  );

  api.openapi(addRoute, async (c) => {
    const body = c.req.valid("json");
    const parsed = parseChatReference({ text: body.chat });
    if (!parsed.ok) throw new ApiError(400, "invalid_request", chatProblems[parsed.problem]);
    const bot = await botIdentity(deps);
    const inspection = await inspectChat(
      { api: deps.telegram, botId: bot.id, requiredChats: services.requiredChats, log: deps.logger },
      parsed.reference,
    );
    if (inspection.kind !== "ok") throw inspectionError(inspection, bot.username);
    const { chatId, title } = inspection.chat;
    const joinUrl = body.join_url === undefined ? inspection.chat.joinUrl : parseJoinLink(body.join_url);
    if (joinUrl === null) {
      throw new ApiError(
        422,
        "no_join_link",
        `“${title}” has no public username and @${bot.username} could not create an invite link (it needs the right to invite users): send join_url`,
      );
    }
    const added = addRequiredChat(services, actorOf(c), { chatId, title, joinUrl });
    // Added meanwhile by an admin in the menu.
    if (!added) throw new ApiError(409, "already_listed", `“${title}” is already required`);
    return c.json(toRequiredChatJson(added), 201);
  });

  api.openapi(removeRoute, (c) => {
    const { chat_id: chatId } = c.req.valid("param");
    if (!removeRequiredChat(services, actorOf(c), chatId)) throw notFound(`Required chat ${chatId}`);
    return c.body(null, 204);
  });
}
