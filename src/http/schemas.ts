import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { isButtonUrl, urlButtonLimits } from "../features/mailing/url-buttons.js";

/** Pieces every route module's OpenAPI declarations share. */

export const isoTime = z.string().meta({ format: "date-time", example: "2026-06-01T12:00:00.000Z" });
export const count = z.number().int().nonnegative();

/** What every /api route requires: the bearer token. */
export const bearerSecurity = [{ bearer: [] }];

/** Declares a feature's /api routes: each under `tags`, behind the bearer token. */
export function bearerRoutes(tags: string[]) {
  return <T extends Parameters<typeof createRoute>[0]>(config: T) =>
    createRoute({ tags, security: bearerSecurity, ...config });
}

/** A response with a JSON body. */
export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

/** A required JSON request body. */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});

/** One URL button as the API takes it (mailings, deeplinks): the label is trimmed. */
const urlButtonSchema = z
  .object({
    text: z.string().trim().min(1, "the label is blank").max(urlButtonLimits.labelLength),
    url: z.string().refine(isButtonUrl, { message: "not an http(s) link with a host, nor tg://…" }),
  })
  .strict()
  .meta({ id: "UrlButton" });

/** Rows of URL buttons within Telegram's limits. */
export const urlButtonRows = (description: string) =>
  z
    .array(z.array(urlButtonSchema).min(1).max(urlButtonLimits.perRow))
    .max(urlButtonLimits.rows)
    .meta({ description });

/** Stored message content as the API shows it: a text the bot sends (mailings, deeplinks). */
export const textContentSchema = z.object({
  type: z.literal("text"),
  text: z.string(),
  parse_mode: z.enum(["HTML", "MarkdownV2"]).nullable(),
  disable_link_preview: z.boolean(),
});

/** Stored message content as the API shows it: a message the bot copies from a chat. */
export const copyContentSchema = z.object({
  type: z.literal("copy"),
  from_chat_id: z.number().int(),
  message_id: z.number().int(),
});

/** A stored message to copy, as a request names it: the chat it is in and its id. */
export const copyInput = z
  .object({ from_chat_id: z.number().int(), message_id: z.number().int().positive() })
  .strict();

/** A message text the bot will send (mailings, deeplinks): Telegram's 4,096 characters, not blank. */
export const messageTextInput = z
  .string()
  .min(1)
  .max(4096)
  .refine((t) => t.trim() !== "", { message: "the text is blank" })
  .meta({
    description:
      "Fields filled per user: {first_name} {last_name} {full_name} {username} {id} {email} {phone} {language} {timezone} {gender} {country} {attr.<key>}, each with an optional fallback ({attr.plan|free}); an unknown field is refused",
  });
