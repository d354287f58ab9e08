/** The schemas and routes of `/api/mailings` and `/api/check-users` (their handlers: mailing.ts). */
import { createRoute, z } from "@hono/zod-openapi";
import type { MailingControl } from "../../features/mailing/mailing-commands.js";
import { mailingStatuses } from "../../features/mailing/mailing-repository.js";
import { csvResponse } from "../csv-download.js";
import { errorResponses } from "../errors.js";
import {
  bearerSecurity,
  copyContentSchema,
  copyInput,
  count,
  isoTime,
  jsonResponse,
  messageTextInput,
  textContentSchema,
  urlButtonRows,
} from "../schemas.js";
import { pollContentSchema, pollInput } from "./mailing-polls.js";
import { variantSchema, variantsInput } from "./mailing-variants.js";

const kinds = ["mailing", "check_users"] as const;

const buttonRows = urlButtonRows("Rows of URL buttons under the message (not with albums)");

/** What a mailing sends, as the API shows it. */
export const contentSchema = z
  .discriminatedUnion("type", [
    textContentSchema,
    copyContentSchema,
    z.object({
      type: z.literal("album"),
      from_chat_id: z.number().int(),
      message_ids: z.array(z.number().int()),
    }),
    pollContentSchema,
  ])
  .meta({ id: "MailingContent" });

/** A mailing or Check Users run as the API shows it: content, audience, options, counts. */
export const mailingSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(kinds),
    status: z.enum(mailingStatuses),
    created_at: isoTime,
    scheduled_at: isoTime.nullable(),
    started_at: isoTime.nullable(),
    finished_at: isoTime.nullable(),
    content: contentSchema.nullable().meta({ description: "null for Check Users (a silent probe)" }),
    buttons: z.array(z.array(z.object({ text: z.string(), url: z.string() }))),
    variants: z.array(variantSchema).meta({ description: "Per-segment messages, first match wins" }),
    audience: z.object({
      segment: z.string().meta({ description: "In the filter language; empty: everyone" }),
      include_dead: z.boolean(),
      time_zone: z.string().nullable().meta({ description: "The zone the segment's days are read in" }),
    }),
    options: z.object({
      dead_after: z.number().int(),
      rate: z.number().int().meta({ description: "Messages (or probes) per second" }),
      paid_broadcast: z.boolean(),
      silent: z.boolean(),
      protect_content: z.boolean(),
      pin: z.boolean(),
      track_clicks: z
        .boolean()
        .meta({ description: "URL buttons go through the click-tracking redirect (needs PUBLIC_URL)" }),
      topic_button: z.boolean().meta({
        description: "A mailing to one topic (topic:<name> in the segment) carries a 🔕 unsubscribe button",
      }),
    }),
    counts: z.object({
      total: count.meta({ description: "Recipients, fixed when sending starts (0 before)" }),
      sent: count,
      failed: count,
      unknown: count.meta({ description: "Caught in flight by a restart: maybe delivered, never resent" }),
      pending: count.meta({ description: "total − sent − failed − unknown" }),
      newly_dead: count,
      revived: count,
    }),
    estimated_recipients: count
      .nullable()
      .meta({ description: "How many users the audience matched when the mailing was created" }),
    errors: z
      .array(z.object({ error_class: z.string(), count }))
      .meta({ description: "Failed deliveries by error class, most frequent first" }),
    languages: z
      .array(
        z.object({
          language: z.string().nullable().meta({
            description: "The recipients' language (the one they chose, else Telegram's); null: unknown",
          }),
          total: count,
          sent: count,
          failed: count,
          unknown: count,
        }),
      )
      .meta({ description: "Deliveries by the recipients' language, most recipients first" }),
  })
  .meta({ id: "Mailing" });

const mailingListSchema = z
  .object({
    mailings: z.array(mailingSchema),
    next_cursor: z.string().nullable().meta({ description: "null on the last page" }),
  })
  .meta({ id: "MailingList" });

const audienceInput = z
  .object({
    segment: z.string().max(8192).optional().meta({
      description: "Who receives it, in the filter language of the admin menu; empty or absent: everyone",
      example: "tag:vip lang:en",
    }),
    include_dead: z.boolean().optional().meta({
      description:
        "Include users who blocked the bot (default: false for mailings, true for Check Users; a segment naming `dead:` includes them)",
    }),
  })
  .strict();

const scheduleFields = {
  audience: audienceInput.optional(),
  dead_after: z.number().int().min(1).max(5).optional().meta({
    description: "Failed attempts in a row after which a user counts as dead (default: the setting)",
  }),
  rate: z
    .number()
    .int()
    .min(1)
    .max(1000)
    .optional()
    .meta({ description: "Per second; lowered to 30 (1000 with paid broadcast) (default: the setting)" }),
  schedule_at: z.iso
    .datetime({ offset: true })
    .optional()
    .meta({ description: "Start then (ISO-8601 with offset, in the future); absent: at once" }),
};

const contentKeys = ["text", "copy", "album", "poll"] as const;

/** The body of `POST /api/mailings`. */
export const createMailingBody = z
  .object({
    text: messageTextInput.optional(),
    parse_mode: z.enum(["HTML", "MarkdownV2"]).optional(),
    disable_link_preview: z.boolean().optional(),
    copy: copyInput
      .optional()
      .meta({ description: "A message stored in a chat the bot can read, copied to each recipient" }),
    album: z
      .object({
        from_chat_id: z.number().int(),
        message_ids: z.array(z.number().int().positive()).min(1).max(100),
      })
      .strict()
      .optional()
      .meta({ description: "The messages of an album, copied together" }),
    poll: pollInput.optional(),
    buttons: buttonRows.optional(),
    variants: variantsInput.optional(),
    ...scheduleFields,
    paid_broadcast: z
      .boolean()
      .optional()
      .meta({ description: "Above 30/s as a paid broadcast (needs the setting on; default: as it allows)" }),
    silent: z.boolean().optional(),
    protect_content: z.boolean().optional(),
    pin: z.boolean().optional(),
    track_clicks: z.boolean().optional().meta({
      description: "Wrap URL buttons in per-user click-tracking links when PUBLIC_URL is set (default true)",
    }),
    topic_button: z.boolean().optional().meta({
      description:
        "When the segment requires one topic (topic:<name>, alone or AND-ed), add a 🔕 button that unsubscribes the recipient from it (default true)",
    }),
  })
  .strict()
  .superRefine((body, ctx) => {
    const given = contentKeys.filter((key) => body[key] !== undefined);
    if (given.length === 0) {
      ctx.addIssue({ code: "custom", path: ["text"], message: "send one of text, copy, album or poll" });
    } else if (given.length > 1) {
      ctx.addIssue({
        code: "custom",
        path: [given[1] as string],
        message: `send only one of text, copy, album or poll, not ${given.join(" and ")}`,
      });
    }
    if (body.text === undefined) {
      for (const key of ["parse_mode", "disable_link_preview"] as const) {
        if (body[key] !== undefined) ctx.addIssue({ code: "custom", path: [key], message: "only with text" });
      }
    }
    if (body.album !== undefined && (body.buttons?.length ?? 0) > 0) {
      ctx.addIssue({ code: "custom", path: ["buttons"], message: "albums cannot carry URL buttons" });
    }
  })
  .meta({ id: "NewMailing" });

/** The body of `POST /api/check-users`. */
export const checkUsersBody = z.object(scheduleFields).strict().meta({ id: "NewCheckUsers" });

const idParams = z.object({
  id: z.coerce.number().int().positive().meta({ description: "The mailing id", example: 7 }),
});

const listQuery = z.object({
  kind: z.enum(kinds).optional().meta({ description: "Only mailings or only Check Users runs" }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z
    .string()
    .regex(/^\d{1,12}$/, { message: "not a cursor from next_cursor" })
    .optional()
    .meta({ description: "`next_cursor` of the page before (wins over offset)" }),
  offset: z.coerce.number().int().min(0).optional(),
});

// --- routes

const tags = ["Mailings"];

/** `POST /api/mailings`. */
export const createMailingRoute = createRoute({
  method: "post",
  path: "/mailings",
  tags,
  summary:
    "Create a mailing: a text, a copied message or album, or a poll, to everyone or a segment (audited as `api`)",
  security: bearerSecurity,
  request: { body: { required: true, content: { "application/json": { schema: createMailingBody } } } },
  responses: {
    201: jsonResponse(mailingSchema, "The mailing, queued or scheduled"),
    ...errorResponses(400, 401, 413, 415, 422),
  },
});

/** `POST /api/check-users`. */
export const createCheckRoute = createRoute({
  method: "post",
  path: "/check-users",
  tags,
  summary: "Start a Check Users run: a silent probe that finds who blocked the bot (audited as `api`)",
  security: bearerSecurity,
  request: { body: { required: false, content: { "application/json": { schema: checkUsersBody } } } },
  responses: {
    201: jsonResponse(mailingSchema, "The Check Users run, queued or scheduled"),
    ...errorResponses(400, 401, 413, 415),
  },
});

/** `GET /api/mailings`. */
export const listRoute = createRoute({
  method: "get",
  path: "/mailings",
  tags,
  summary: "Mailings and Check Users runs, newest first",
  security: bearerSecurity,
  request: { query: listQuery },
  responses: { 200: jsonResponse(mailingListSchema, "One page"), ...errorResponses(400, 401) },
});

/** `GET /api/mailings/{id}`. */
export const getRoute = createRoute({
  method: "get",
  path: "/mailings/{id}",
  tags,
  summary: "One mailing with its progress and failures by error class",
  security: bearerSecurity,
  request: { params: idParams },
  responses: { 200: jsonResponse(mailingSchema, "The mailing"), ...errorResponses(400, 401, 404) },
});

/** `GET /api/mailings/{id}/deliveries.csv`. */
export const csvRoute = createRoute({
  method: "get",
  path: "/mailings/{id}/deliveries.csv",
  tags,
  summary: "The outcome for every recipient, as CSV (the admin menu's report)",
  security: bearerSecurity,
  request: { params: idParams },
  responses: {
    200: csvResponse("user_id, outcome, attempts, error_class, error_description, updated_at"),
    ...errorResponses(400, 401, 404),
  },
});

const controlSummaries: Record<MailingControl, string> = {
  pause: "Pause a queued or running mailing",
  resume: "Resume a paused mailing",
  cancel: "Cancel a mailing that has not finished",
};

/** `POST /api/mailings/{id}/pause|resume|cancel`. */
export const controlRoute = (action: MailingControl) =>
  createRoute({
    method: "post",
    path: `/mailings/{id}/${action}`,
    tags,
    summary: `${controlSummaries[action]} (audited as \`api\`)`,
    security: bearerSecurity,
    request: { params: idParams },
    responses: {
      200: jsonResponse(mailingSchema, "The mailing after the change"),
      ...errorResponses(400, 401, 404, 409),
    },
  });
