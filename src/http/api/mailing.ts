import { createRoute, z } from "@hono/zod-openapi";
import { apiActor } from "../../features/audit/audit-log.js";
import { deliveriesCsv } from "../../features/mailing/deliveries-csv.js";
import type {
  MailingContent,
  MailingOptions,
  MailingPayload,
  UrlButton,
} from "../../features/mailing/mailing.js";
import {
  audienceFromSegment,
  type CreatedMailing,
  controlMailing,
  createMailing,
  type MailingControl,
} from "../../features/mailing/mailing-commands.js";
import type { MailingKind, MailingRecord } from "../../features/mailing/mailing-repository.js";
import { mailingStatuses } from "../../features/mailing/mailing-repository.js";
import type { MailingVariant, MailingVariantInput } from "../../features/mailing/mailing-variants.js";
import type { ApiApp, HttpDeps } from "../app.js";
import { csvDownload, csvResponse } from "../csv-download.js";
import { ApiError, errorResponses, notFound } from "../errors.js";
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
import { pollContentFrom, pollContentJson, pollContentSchema, pollInput } from "./mailing-polls.js";
import {
  messageContentJson,
  variantSchema,
  variantsInput,
  variantsJson,
  variantsOf,
} from "./mailing-variants.js";

// --- schemas

const kinds = ["mailing", "check_users"] as const;

const buttonRows = urlButtonRows("Rows of URL buttons under the message (not with albums)");

const contentSchema = z
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

const mailingSchema = z
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

const createMailingBody = z
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

const checkUsersBody = z.object(scheduleFields).strict().meta({ id: "NewCheckUsers" });

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

const createMailingRoute = createRoute({
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

const createCheckRoute = createRoute({
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

const listRoute = createRoute({
  method: "get",
  path: "/mailings",
  tags,
  summary: "Mailings and Check Users runs, newest first",
  security: bearerSecurity,
  request: { query: listQuery },
  responses: { 200: jsonResponse(mailingListSchema, "One page"), ...errorResponses(400, 401) },
});

const getRoute = createRoute({
  method: "get",
  path: "/mailings/{id}",
  tags,
  summary: "One mailing with its progress and failures by error class",
  security: bearerSecurity,
  request: { params: idParams },
  responses: { 200: jsonResponse(mailingSchema, "The mailing"), ...errorResponses(400, 401, 404) },
});

const csvRoute = createRoute({
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

const controlRoute = (action: MailingControl) =>
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

// --- mapping

function contentJson(content: MailingContent): z.infer<typeof contentSchema> {
  if (content.type === "poll") return pollContentJson(content);
  if (content.type !== "album") return messageContentJson(content);
  return { type: "album", from_chat_id: content.fromChatId, message_ids: content.messageIds };
}

function toMailingJson(
  m: MailingRecord,
  errors: Array<{ errorKind: string; count: number }>,
  variants: readonly MailingVariant[],
): z.infer<typeof mailingSchema> {
  const message = m.payload.kind === "message" ? m.payload : null;
  const iso = (at: Date | null) => (at === null ? null : at.toISOString());
  return {
    id: m.id,
    kind: m.kind,
    status: m.status,
    created_at: m.createdAt.toISOString(),
    scheduled_at: iso(m.scheduledAt),
    started_at: iso(m.startedAt),
    finished_at: iso(m.finishedAt),
    content: message ? contentJson(message.content) : null,
    buttons: message ? message.buttons.map((row) => row.map((b) => ({ text: b.text, url: b.url }))) : [],
    variants: variantsJson(variants),
    audience: {
      segment: m.audience.segment ?? "",
      include_dead: m.audience.includeDead,
      time_zone: m.audience.timeZone ?? null,
    },
    options: {
      dead_after: m.options.deadAfter,
      rate: m.options.ratePerSecond,
      paid_broadcast: m.options.paidBroadcast,
      silent: m.options.silent,
      protect_content: m.options.protectContent,
      pin: m.options.pin,
      track_clicks: m.options.trackClicks !== false,
      topic_button: m.options.topicButton !== false,
    },
    counts: {
      total: m.total,
      sent: m.sent,
      failed: m.failed,
      unknown: m.unknown,
      pending: Math.max(0, m.total - m.sent - m.failed - m.unknown),
      newly_dead: m.newlyDead,
      revived: m.revived,
    },
    estimated_recipients: m.estimatedRecipients,
    errors: errors.map((e) => ({ error_class: e.errorKind, count: e.count })),
  };
}

type NewMailingBody = z.infer<typeof createMailingBody>;

function payloadOf(body: NewMailingBody): MailingPayload {
  const buttons: UrlButton[][] = (body.buttons ?? []).map((row) =>
    row.map((b) => ({ text: b.text, url: b.url })),
  );
  let content: MailingContent;
  if (body.copy) {
    content = { type: "copy", fromChatId: body.copy.from_chat_id, messageId: body.copy.message_id };
  } else if (body.album) {
    content = { type: "album", fromChatId: body.album.from_chat_id, messageIds: body.album.message_ids };
  } else if (body.poll) {
    content = pollContentFrom(body.poll);
  } else {
    content = {
      type: "text",
      text: body.text as string,
      ...(body.parse_mode && { parseMode: body.parse_mode }),
      ...(body.disable_link_preview && { disableLinkPreview: true }),
    };
  }
  return { kind: "message", content, buttons };
}

export function registerMailingRoutes(api: ApiApp, { services }: HttpDeps): void {
  const render = (m: MailingRecord) =>
    toMailingJson(m, services.mailings.failureBreakdown(m.id), services.mailingVariants.list(m.id));
  const findOrThrow = (id: number) => {
    const m = services.mailings.find(id);
    if (!m) throw notFound(`Mailing ${id}`);
    return m;
  };
  /** The fields mailings and checks share (audience, Dead After, rate, start) turned into the verb's input. */
  const create = (
    kind: MailingKind,
    body: z.infer<typeof checkUsersBody>,
    payload: MailingPayload,
    options: Partial<MailingOptions> = {},
    variants: MailingVariantInput[] = [],
  ): CreatedMailing => {
    const audience = audienceFromSegment(
      services.settings,
      { segment: body.audience?.segment, includeDead: body.audience?.include_dead },
      kind,
    );
    return createMailing(services, apiActor, {
      kind,
      payload,
      audience,
      variants,
      options: {
        ...options,
        ...(body.dead_after !== undefined && { deadAfter: body.dead_after }),
        ...(body.rate !== undefined && { ratePerSecond: body.rate }),
      },
      scheduledAt: body.schedule_at === undefined ? null : new Date(body.schedule_at),
    });
  };

  api.openapi(createMailingRoute, (c) => {
    const body = c.req.valid("json");
    const options: Partial<MailingOptions> = {
      ...(body.paid_broadcast !== undefined && { paidBroadcast: body.paid_broadcast }),
      ...(body.silent !== undefined && { silent: body.silent }),
      ...(body.protect_content !== undefined && { protectContent: body.protect_content }),
      ...(body.pin !== undefined && { pin: body.pin }),
      ...(body.track_clicks !== undefined && { trackClicks: body.track_clicks }),
      ...(body.topic_button !== undefined && { topicButton: body.topic_button }),
    };
    const created = create("mailing", body, payloadOf(body), options, variantsOf(body.variants));
    return c.json(render(created.mailing), 201);
  });

  api.openapi(createCheckRoute, (c) => {
    const created = create("check_users", c.req.valid("json"), { kind: "probe" });
    return c.json(render(created.mailing), 201);
  });

  api.openapi(listRoute, (c) => {
    const query = c.req.valid("query");
    const page = services.mailings.page({
      kind: query.kind,
      limit: query.limit,
      beforeId: query.cursor === undefined ? undefined : Number(query.cursor),
      offset: query.offset,
    });
    const last = page.at(-1);
    return c.json(
      {
        mailings: page.map((m) => render(m)),
        next_cursor: page.length === query.limit && last ? String(last.id) : null,
      },
      200,
    );
  });

  api.openapi(getRoute, (c) => c.json(render(findOrThrow(c.req.valid("param").id)), 200));

  api.openapi(csvRoute, (c) => {
    const m = findOrThrow(c.req.valid("param").id);
    const file = `${m.kind === "check_users" ? "check-users" : "mailing"}-${m.id}.csv`;
    return csvDownload(c, deliveriesCsv(services.mailings, m.id), file);
  });

  for (const action of ["pause", "resume", "cancel"] as const) {
    api.openapi(controlRoute(action), (c) => {
      const id = c.req.valid("param").id;
      const result = controlMailing(services, apiActor, { id, action });
      if (!result.changed) {
        throw new ApiError(
          409,
          "invalid_transition",
          `Mailing ${id} is ${result.before}: it cannot be ${action === "cancel" ? "cancelled" : `${action}d`} now`,
        );
      }
      return c.json(render(result.mailing), 200);
    });
  }
}
