import { Readable } from "node:stream";
import { createRoute, z } from "@hono/zod-openapi";
import { GrammyError, HttpError } from "grammy";
import type { Services } from "../../bot/services.js";
import { apiActor } from "../../features/audit/audit-log.js";
import { fillTemplate } from "../../features/content/template.js";
import {
  parseSegment,
  type Segment,
  segmentCondition,
  segmentErrorText,
} from "../../features/segments/segment.js";
import { beforeFirstUser } from "../../features/segments/segment-repository.js";
import { type BulkChange, bulkEdit } from "../../features/users/bulk.js";
import { sourceOf } from "../../features/users/contact-sources.js";
import type { PlannedColumn } from "../../features/users/csv/csv-columns.js";
import { exportUsersCsv } from "../../features/users/csv/export-users.js";
import { type ImportReport, importUsers } from "../../features/users/csv/import-users.js";
import type { FileProblem, RowProblem } from "../../features/users/csv/parse-import.js";
import { displayName } from "../../features/users/display-name.js";
import { deleteUserData, downloadUserData, UserDataError } from "../../features/users/gdpr.js";
import {
  addUserNote,
  checkPatch,
  deleteUserNote,
  type ProfileChanges,
  patchUser,
} from "../../features/users/patch-user.js";
import { refreshUserPhoto } from "../../features/users/profile-photo.js";
import { isPaused, isPausedUntilResumed } from "../../features/users/takeover/pause.js";
import { pauseBot, resumeBot } from "../../features/users/takeover/pause-bot.js";
import { upsertUser } from "../../features/users/upsert-user.js";
import { UserActionError } from "../../features/users/user-action-error.js";
import type { UserNote, UserRecord } from "../../features/users/user-repository.js";
import { contactSources, userStatuses } from "../../features/users/user-repository.js";
import { classifyTelegramError } from "../../telegram/errors.js";
import { fieldLabels, problemTexts } from "../../texts/admin-user-tools.js";
import type { ApiApp, HttpDeps } from "../app.js";
import { ApiError, errorResponses, errorSchema, notFound } from "../errors.js";
import { bearerSecurity, count, isoTime, jsonBody, jsonResponse } from "../schemas.js";

// --- schemas

const optionalTime = isoTime.nullable();
const text = z.string().nullable();

const contactSource = z
  .enum([...contactSources, "unknown"])
  .nullable()
  .meta({
    description:
      "Where the value came from: `shared_contact` (the user's own contact, vouched for by Telegram), " +
      "`owner` (an admin, the API or an import), `self_reported` (typed by the user, unverified) or " +
      "`unknown` (stored before sources were recorded, unverified); null without a value. Only " +
      "`shared_contact` and `owner` values are keys for `PUT /users/upsert` and the CSV import.",
  });

const summaryShape = {
  id: z.number().int().meta({
    description: "The Telegram user id, or a negative surrogate id for a contact imported without one",
    example: 123456789,
  }),
  telegram_id: z.number().int().nullable().meta({ description: "null for an imported contact" }),
  first_name: text,
  last_name: text,
  display_name: z
    .string()
    .meta({ description: "First and last name, or the Dear User name when there is none" }),
  username: text,
  language: text,
  premium: z.boolean(),
  email: text,
  email_source: contactSource,
  phone: text.meta({ description: "`+` and 7–15 digits" }),
  phone_source: contactSource,
  timezone: text.meta({ description: "IANA time zone name" }),
  gender: text,
  status: z.enum(userStatuses),
  dead: z.boolean(),
  dead_at: optionalTime,
  dead_reason: text,
  created_at: isoTime.meta({ description: "First seen (or imported)" }),
  registered_at: optionalTime,
  last_seen_at: isoTime,
  imported_at: optionalTime,
};

const userSummarySchema = z.object(summaryShape).meta({ id: "UserSummary" });

const noteSchema = z
  .object({
    id: z.number().int(),
    author_id: z.number().int().nullable().meta({ description: "The admin who wrote it; null for the API" }),
    text: z.string(),
    at: isoTime,
  })
  .meta({ id: "UserNote" });

const userSchema = z
  .object({
    ...summaryShape,
    photo_file_id: text,
    referrer_id: z.number().int().nullable(),
    referral_count: count,
    campaign: z.object({ id: z.number().int(), code: z.string(), name: z.string() }).nullable(),
    tags: z.array(z.string()),
    attributes: z.record(z.string(), z.string()),
    notes: z.array(noteSchema).meta({ description: "Newest first" }),
    activity: z.object({
      sessions: count,
      messages: count,
      clicks: count,
      time_spent_seconds: count,
      average_sentiment: z.number().nullable(),
      last_message: text,
      last_message_at: optionalTime,
      last_activity_at: optionalTime,
    }),
    pause: z.object({
      paused: z.boolean().meta({ description: "The bot does not answer the user while paused" }),
      paused_until: optionalTime.meta({ description: "When a timed pause ends; null otherwise" }),
      until_resumed: z.boolean().meta({ description: "Paused until an admin resumes the bot" }),
    }),
    infinite_session: z.boolean(),
  })
  .meta({ id: "User" });

const userIdParams = z.object({
  id: z
    .string()
    .regex(/^-?\d{1,16}$/, "expected a whole number")
    .transform(Number)
    .pipe(z.number().int())
    .meta({ description: "The user id (negative for an imported contact)", example: "123456789" }),
});

const segmentText = z.string().max(8192).meta({
  description: "A segment in the filter language of the admin menu (`tag:vip lang:en`); empty: everyone",
  example: "tag:vip messages>=10",
});

const listQuery = z.object({
  q: segmentText.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(64).optional().meta({ description: "`next_cursor` of the page before" }),
});

const userListSchema = z
  .object({
    users: z.array(userSummarySchema),
    next_cursor: z.string().nullable().meta({ description: "null on the last page" }),
    total: count.meta({ description: "How many users the segment selects" }),
  })
  .meta({ id: "UserList" });

const clearable = z.string().nullable().optional();
const profileShape = {
  first_name: clearable,
  last_name: clearable,
  email: clearable,
  phone: clearable,
  timezone: clearable,
  gender: clearable,
};
const tagList = z.array(z.string()).max(256);
const attributeMap = z.record(z.string(), z.string()).meta({ description: "key → value" });

const tagChanges = z.object({ add: tagList.optional(), remove: tagList.optional() }).strict().optional();
const attributeChanges = z
  .object({ set: attributeMap.optional(), unset: z.array(z.string()).max(256).optional() })
  .strict()
  .optional();

const userPatchSchema = z
  .object({
    ...profileShape,
    tags: tagChanges,
    attributes: attributeChanges,
    infinite_session: z
      .boolean()
      .optional()
      .meta({ description: "Keeps the user's session (and any open conversation) from expiring" }),
    status: z
      .enum(["active", "banned"])
      .optional()
      .meta({ description: "`banned` bans; `active` lifts a ban (pending again if never registered)" }),
  })
  .strict()
  .meta({ id: "UserPatch" });

const pauseSchema = z
  .object({
    minutes: z.number().int().min(1).max(10_080).optional().meta({
      description: "How long the bot stays silent; default: the `users.pauseMinutes` setting",
      example: 30,
    }),
    until_resumed: z.boolean().optional().meta({ description: "true: paused until POST /users/{id}/resume" }),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.until_resumed === true && body.minutes !== undefined)
      ctx.addIssue({ code: "custom", path: ["minutes"], message: "leave it out when until_resumed is true" });
  })
  .meta({ id: "UserPause" });

const bulkQuery = z.object({
  q: segmentText.optional(),
  all: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true")
    .meta({
      description: "Required (and only allowed) when the change is for every user: q empty or absent",
    }),
});

const userBulkSchema = z
  .object({ tags: tagChanges, attributes: attributeChanges })
  .strict()
  .meta({ id: "UserBulk" });

const changedBy = z.record(z.string(), count).meta({ description: "tag or key → how many users it changed" });
const bulkResultSchema = z
  .object({
    matched: count.meta({ description: "How many users the segment selected" }),
    tags: z.object({ add: changedBy, remove: changedBy }),
    attributes: z.object({ set: changedBy, unset: changedBy }),
  })
  .meta({ id: "UserBulkResult" });

const noteParams = userIdParams.extend({
  note_id: z
    .string()
    .regex(/^\d{1,16}$/, "expected a whole number")
    .transform(Number)
    .pipe(z.number().int())
    .meta({ description: "The note id", example: "7" }),
});

const photoSchema = z
  .object({
    photo_file_id: text.meta({ description: "The largest size of the current photo; null: none or hidden" }),
  })
  .meta({ id: "UserPhoto" });

const upsertWhere = { telegram_id: "telegramId", email: "email", phone: "phone" } as const;

const userUpsertSchema = z
  .object({
    telegram_id: z.number().int().positive().nullable().optional(),
    ...profileShape,
    tags: tagList.optional().meta({ description: "Tags to add" }),
    attributes: attributeMap.optional(),
  })
  .strict()
  .meta({ id: "UserUpsert" });

const upsertResultSchema = z
  .object({ user: userSchema, outcome: z.enum(["created", "updated", "unchanged", "merged"]) })
  .meta({ id: "UserUpsertResult" });

const problemSchema = z
  .object({
    code: z.string().meta({ example: "invalid" }),
    message: z.string(),
    field: z.string().optional(),
    column: z.string().optional(),
    value: z.string().optional(),
    max: z.number().optional(),
    expected: z.number().optional(),
    got: z.number().optional(),
    position: z.number().optional(),
    first_line: z.number().optional(),
    user_id: z.number().optional(),
    line: z.number().optional(),
    header: z.string().optional(),
    headers: z.array(z.string()).optional(),
  })
  .meta({ id: "ImportProblem" });

const importReportSchema = z
  .object({
    applied: z.boolean().meta({ description: "True when the changes were committed" }),
    file_problems: z.array(problemSchema),
    delimiter: z.enum([",", ";", "\t"]).nullable(),
    columns: z.array(
      z.object({
        header: z.string(),
        role: z.enum(["field", "attribute", "ignored", "unnamed"]),
        field: z.string().optional(),
        key: z.string().optional(),
      }),
    ),
    rows: count,
    created: count,
    updated: count,
    unchanged: count,
    skipped: z.array(z.object({ line: z.number().int(), reasons: z.array(problemSchema) })),
  })
  .meta({ id: "ImportReport" });

const importRefusedSchema = z
  .object({ error: errorSchema.shape.error, report: importReportSchema })
  .meta({ id: "ImportRefused" });

const importQuery = z.object({
  dry_run: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
  valid_rows_only: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true")
    .meta({
      description: "Import the valid rows and skip the others; otherwise one wrong row stops the file",
    }),
});

const userDataExportSchema = z
  .looseObject({
    exportedAt: isoTime,
    user: z.record(z.string(), z.unknown()),
    tags: z.array(z.unknown()),
    attributes: z.array(z.unknown()),
    notes: z.array(z.unknown()),
    audit: z.array(z.unknown()),
  })
  .meta({
    id: "UserDataExport",
    description:
      "Everything stored about the user (the admin menu's download): profile, tags, notes, deliveries, …",
  });

// --- routes

const tags = ["Users"];

const listUsers = createRoute({
  method: "get",
  path: "/users",
  tags,
  summary: "The users of a segment, a page at a time (keyset by id)",
  security: bearerSecurity,
  request: { query: listQuery },
  responses: {
    200: jsonResponse(userListSchema, "One page of users"),
    ...errorResponses(400, 401),
  },
});

const exportCsv = createRoute({
  method: "get",
  path: "/users.csv",
  tags,
  summary: "The users of a segment as CSV (streamed; the admin menu's export)",
  security: bearerSecurity,
  request: { query: z.object({ q: segmentText.optional() }) },
  responses: {
    200: {
      description: "CSV with a header row; one column per attribute key",
      content: { "text/csv": { schema: z.string() } },
    },
    ...errorResponses(400, 401),
  },
});

const importCsv = createRoute({
  method: "post",
  path: "/users/import",
  tags,
  summary: "Import users from a CSV file sent as the raw body (all or nothing unless valid_rows_only)",
  security: bearerSecurity,
  request: {
    query: importQuery,
    body: {
      required: true,
      content: {
        "text/csv": { schema: z.string() },
        "application/octet-stream": { schema: z.string().meta({ format: "binary" }) },
      },
    },
  },
  responses: {
    200: jsonResponse(importReportSchema, "The report: imported, or what a dry run would do"),
    422: jsonResponse(importRefusedSchema, "The file or some rows are wrong: nothing was imported"),
    ...errorResponses(400, 401, 409, 413, 415, 503),
  },
});

const upsert = createRoute({
  method: "put",
  path: "/users/upsert",
  tags,
  summary:
    "Create or update the user the `where` field finds; merges an imported contact into a Telegram user",
  security: bearerSecurity,
  request: {
    query: z.object({ where: z.enum(["telegram_id", "email", "phone"]) }),
    body: jsonBody(userUpsertSchema),
  },
  responses: {
    200: jsonResponse(upsertResultSchema, "Updated, unchanged or merged"),
    201: jsonResponse(upsertResultSchema, "Created"),
    ...errorResponses(400, 401, 409, 413, 415),
  },
});

const getUser = createRoute({
  method: "get",
  path: "/users/{id}",
  tags,
  summary: "One user: profile, tags, attributes, notes, activity and takeover state",
  security: bearerSecurity,
  request: { params: userIdParams },
  responses: {
    200: jsonResponse(userSchema, "The user"),
    ...errorResponses(400, 401, 404),
  },
});

const patchUserRoute = createRoute({
  method: "patch",
  path: "/users/{id}",
  tags,
  summary:
    "Change profile fields, tags, attributes, infinite session or ban state (all or nothing; audited as `api`)",
  security: bearerSecurity,
  request: { params: userIdParams, body: jsonBody(userPatchSchema) },
  responses: {
    200: jsonResponse(userSchema, "The user after the change"),
    ...errorResponses(400, 401, 404, 413, 415),
  },
});

const deleteUser = createRoute({
  method: "delete",
  path: "/users/{id}",
  tags,
  summary: "Delete the user and everything stored about them (GDPR); admins cannot be deleted",
  security: bearerSecurity,
  request: { params: userIdParams },
  responses: {
    204: { description: "Deleted" },
    ...errorResponses(400, 401, 404, 409),
  },
});

const exportUser = createRoute({
  method: "get",
  path: "/users/{id}/export",
  tags,
  summary: "Everything stored about the user as a JSON download (GDPR)",
  security: bearerSecurity,
  request: { params: userIdParams },
  responses: {
    200: jsonResponse(userDataExportSchema, "The user's data, as an attachment"),
    ...errorResponses(400, 401, 404),
  },
});

const addNote = createRoute({
  method: "post",
  path: "/users/{id}/notes",
  tags,
  summary: "Add a note to the user (author: the API)",
  security: bearerSecurity,
  request: {
    params: userIdParams,
    body: jsonBody(z.object({ text: z.string() }).strict()),
  },
  responses: {
    201: jsonResponse(noteSchema, "The note"),
    ...errorResponses(400, 401, 404, 413, 415),
  },
});

const listNotes = createRoute({
  method: "get",
  path: "/users/{id}/notes",
  tags,
  summary: "The user's notes, newest first",
  security: bearerSecurity,
  request: { params: userIdParams },
  responses: {
    200: jsonResponse(z.object({ notes: z.array(noteSchema) }), "The notes"),
    ...errorResponses(400, 401, 404),
  },
});

const deleteNote = createRoute({
  method: "delete",
  path: "/users/{id}/notes/{note_id}",
  tags,
  summary: "Delete one of the user's notes",
  security: bearerSecurity,
  request: { params: noteParams },
  responses: {
    204: { description: "Deleted" },
    ...errorResponses(400, 401, 404),
  },
});

const pauseRoute = createRoute({
  method: "post",
  path: "/users/{id}/pause",
  tags,
  summary:
    "Pause the bot for the user (human takeover): their messages go to the admins until the pause ends",
  security: bearerSecurity,
  request: { params: userIdParams, body: { ...jsonBody(pauseSchema), required: false } },
  responses: {
    200: jsonResponse(userSchema, "The user, paused"),
    422: jsonResponse(errorSchema, "An imported contact without a Telegram id: there is no chat to pause"),
    ...errorResponses(400, 401, 404, 413, 415),
  },
});

const resumeRoute = createRoute({
  method: "post",
  path: "/users/{id}/resume",
  tags,
  summary: "Resume the bot for the user at once (no change when not paused)",
  security: bearerSecurity,
  request: { params: userIdParams },
  responses: {
    200: jsonResponse(userSchema, "The user, not paused"),
    ...errorResponses(400, 401, 404),
  },
});

const refreshPhoto = createRoute({
  method: "post",
  path: "/users/{id}/photo/refresh",
  tags,
  summary: "Ask Telegram for the user's current profile photo and store it",
  security: bearerSecurity,
  request: { params: userIdParams },
  responses: {
    200: jsonResponse(photoSchema, "The stored photo"),
    422: jsonResponse(
      errorSchema,
      "An imported contact without a Telegram id (`no_telegram_id`), or Telegram refused (`telegram_refused`)",
    ),
    503: jsonResponse(
      errorSchema,
      "Telegram could not be reached or asked to wait (`telegram_unavailable`); try again later",
    ),
    ...errorResponses(400, 401, 404),
  },
});

const bulkRoute = createRoute({
  method: "post",
  path: "/users/bulk",
  tags,
  summary:
    "Add or remove tags and set or unset attributes on every user of a segment (the menu's bulk actions)",
  security: bearerSecurity,
  request: { query: bulkQuery, body: jsonBody(userBulkSchema) },
  responses: {
    200: jsonResponse(bulkResultSchema, "How many users matched, and how many each change changed"),
    ...errorResponses(400, 401, 413, 415),
  },
});

// --- rendering

const iso = (at: Date | null) => at?.toISOString() ?? null;

function toUserSummaryJson(user: UserRecord, dearUser: string): z.infer<typeof userSummarySchema> {
  return {
    id: user.id,
    telegram_id: user.id > 0 ? user.id : null,
    first_name: user.firstName,
    last_name: user.lastName,
    display_name: displayName(user, dearUser),
    username: user.username,
    language: user.languageCode,
    premium: user.isPremium,
    email: user.email,
    email_source: sourceOf(user, "email"),
    phone: user.phone,
    phone_source: sourceOf(user, "phone"),
    timezone: user.timezone,
    gender: user.gender,
    status: user.status,
    dead: user.deadAt !== null,
    dead_at: iso(user.deadAt),
    dead_reason: user.deadReason,
    created_at: user.firstSeenAt.toISOString(),
    registered_at: iso(user.registeredAt),
    last_seen_at: user.lastSeenAt.toISOString(),
    imported_at: iso(user.importedAt),
  };
}

const toNoteJson = (note: UserNote): z.infer<typeof noteSchema> => ({
  id: note.id,
  author_id: note.authorId,
  text: note.text,
  at: note.createdAt.toISOString(),
});

function toUserJson(services: Services, user: UserRecord): z.infer<typeof userSchema> {
  const campaign = user.campaignId === null ? undefined : services.campaigns.find(user.campaignId);
  const paused = isPaused(user.pausedUntil, services.now());
  const untilResumed = paused && isPausedUntilResumed(user.pausedUntil);
  return {
    ...toUserSummaryJson(user, services.settings.get("general").dearUserName),
    photo_file_id: user.photoFileId,
    referrer_id: user.referrerId,
    referral_count: user.referralCount,
    campaign: campaign ? { id: campaign.id, code: campaign.code, name: campaign.name } : null,
    tags: services.users.tagsOf(user.id).sort(),
    attributes: Object.fromEntries(services.users.attributesOf(user.id).map((a) => [a.key, a.value])),
    notes: services.users.notesOf(user.id).map(toNoteJson),
    activity: {
      sessions: user.sessionCount,
      messages: user.messageCount,
      clicks: user.clickCount,
      time_spent_seconds: user.timeSpentSeconds,
      average_sentiment: user.sentimentCount === 0 ? null : user.sentimentTotal / user.sentimentCount,
      last_message: user.lastMessageText,
      last_message_at: iso(user.lastMessageAt),
      last_activity_at: iso(user.lastActivityAt),
    },
    pause: {
      paused,
      paused_until: paused && !untilResumed ? iso(user.pausedUntil) : null,
      until_resumed: untilResumed,
    },
    infinite_session: user.infiniteSession,
  };
}

/** `firstName` → `first_name`. */
const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

type Problem = z.infer<typeof problemSchema>;

/** A row or file problem of an import: its kind as `code`, the admin menu's words, its facts in snake_case. */
function problemJson(problem: RowProblem | FileProblem): Problem {
  const { kind, ...facts } = problem;
  const values: Record<string, string | number> = {};
  const out: Record<string, unknown> = { code: kind };
  for (const [name, value] of Object.entries(facts)) {
    out[snake(name)] = name === "field" ? snake(String(value)) : value;
    if (typeof value === "string" || typeof value === "number") values[snake(name)] = value;
  }
  if ("field" in problem) values.field = fieldLabels[problem.field] ?? problem.field;
  if ("headers" in problem) Object.assign(values, { first: problem.headers[0], second: problem.headers[1] });
  const template = (problemTexts as Record<string, string>)[kind] ?? kind;
  return { ...out, message: fillTemplate(template, values) } as Problem;
}

function columnJson(column: PlannedColumn) {
  const { role } = column;
  return {
    header: column.header,
    role: role.kind,
    ...(role.kind === "field" && { field: snake(role.field) }),
    ...(role.kind === "attribute" && { key: role.key }),
  };
}

function importReportJson(report: ImportReport): z.infer<typeof importReportSchema> {
  return {
    applied: report.applied,
    file_problems: report.fileProblems.map(problemJson),
    delimiter: report.delimiter,
    columns: report.columns.map(columnJson),
    rows: report.rows,
    created: report.created,
    updated: report.updated,
    unchanged: report.unchanged,
    skipped: report.skipped.map((row) => ({ line: row.line, reasons: row.problems.map(problemJson) })),
  };
}

// --- edges

function segmentOf(q: string | undefined): Segment {
  const parsed = parseSegment(q ?? "");
  if (parsed.ok) return parsed.tree;
  const message = segmentErrorText(parsed);
  throw new ApiError(400, "invalid_segment", message, [{ path: "query.q", message }]);
}

const cursorPrefix = "after:";
const encodeCursor = (id: number) => Buffer.from(`${cursorPrefix}${id}`).toString("base64url");

function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined) return beforeFirstUser;
  const decoded = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, "base64url").toString() : "";
  const match = /^after:(-?\d{1,16})$/.exec(decoded);
  const id = match ? Number(match[1]) : Number.NaN;
  if (!Number.isSafeInteger(id)) {
    const message = "not a cursor this API gave: pass next_cursor of the page before, or none";
    throw new ApiError(400, "invalid_cursor", `query.cursor: ${message}`, [
      { path: "query.cursor", message },
    ]);
  }
  return id;
}

const badField = (path: string, message: string) =>
  new ApiError(400, "invalid_request", `Invalid request: ${path}: ${message}`, [{ path, message }]);

/** A refused photo refresh: the user's problem, Telegram's refusal (422) or Telegram out of reach (503). */
function photoError(error: unknown): unknown {
  if (error instanceof UserActionError) return error;
  if (!(error instanceof GrammyError || error instanceof HttpError)) return error;
  const failure = classifyTelegramError(error);
  if (failure.kind === "transient" || failure.kind === "rate_limited")
    return new ApiError(503, "telegram_unavailable", `Telegram did not answer: ${failure.description}`);
  return new ApiError(422, "telegram_refused", `Telegram refused: ${failure.description}`);
}

/** The checked changes of a bulk request, in the order they are applied (as PATCH applies them). */
function bulkChangesOf(body: z.infer<typeof userBulkSchema>): BulkChange[] {
  const checked = checkPatch(body);
  const unique = <T>(items: T[]) => [...new Set(items)];
  const changes: BulkChange[] = [
    ...unique(checked.removeTags).map((tag) => ({ kind: "tag", change: { mode: "remove", tag } }) as const),
    ...unique(checked.addTags).map((tag) => ({ kind: "tag", change: { mode: "add", tag } }) as const),
    ...unique(checked.unsetAttributes).map(
      (key) => ({ kind: "attribute", change: { mode: "unset", key } }) as const,
    ),
    ...checked.setAttributes.map(
      ({ key, value }) => ({ kind: "attribute", change: { mode: "set", key, value } }) as const,
    ),
  ];
  if (changes.length === 0) throw badField("body", "name at least one tag or attribute to change");
  return changes;
}

function bulkResultJson(
  changes: readonly BulkChange[],
  results: readonly { matched: number; changed: number }[],
) {
  const answer: z.infer<typeof bulkResultSchema> = {
    matched: results[0]?.matched ?? 0,
    tags: { add: {}, remove: {} },
    attributes: { set: {}, unset: {} },
  };
  changes.forEach(({ kind, change }, i) => {
    const changed = results[i]?.changed ?? 0;
    if (kind === "tag") answer.tags[change.mode][change.tag] = changed;
    else answer.attributes[change.mode][change.key] = changed;
  });
  return answer;
}

/** The profile fields of a request body, as the user verbs name them. */
function profileOf(body: z.infer<z.ZodObject<typeof profileShape>>): ProfileChanges {
  return {
    firstName: body.first_name,
    lastName: body.last_name,
    email: body.email,
    phone: body.phone,
    timezone: body.timezone,
    gender: body.gender,
  };
}

const csvTypes = new Set(["text/csv", "application/octet-stream"]);

export function registerUserRoutes(api: ApiApp, { services, telegram }: HttpDeps): void {
  const findUser = (id: number) => {
    const user = services.users.find(id);
    if (!user) throw notFound(`User ${id}`);
    return user;
  };
  const userJson = (id: number) => toUserJson(services, findUser(id));

  // Literal paths first, so /users/{id} never shadows them.
  api.openapi(exportCsv, (c) => {
    const tree = segmentOf(c.req.valid("query").q);
    const now = services.now();
    const where = segmentCondition(tree, now, services.settings.get("mailing").timezone);
    services.audit.record({
      actor: apiActor,
      action: "users.export",
      after: { count: services.segments.countSegment(tree) },
    });
    const csv = Readable.toWeb(exportUsersCsv(services.db, { where })) as ReadableStream<Uint8Array>;
    return c.body(csv, 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="users-${now.toISOString().slice(0, 10)}.csv"`,
    });
  });

  api.openapi(importCsv, async (c) => {
    const { dry_run: dryRun, valid_rows_only: validRowsOnly } = c.req.valid("query");
    const type = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
    if (!csvTypes.has(type)) {
      throw new ApiError(415, "unsupported_media_type", "Send the CSV file as the body, as text/csv");
    }
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const report = await importUsers(services.db, bytes, {
      dryRun,
      validRowsOnly,
      actor: apiActor,
      now: services.now(),
    });
    const body = importReportJson(report);
    if (dryRun || report.applied) return c.json(body, 200);
    const fileRefused = report.fileProblems.length > 0;
    return c.json(
      {
        error: {
          code: fileRefused ? "invalid_file" : "invalid_rows",
          message: fileRefused
            ? "The file cannot be imported: see report.file_problems"
            : `Nothing was imported: ${report.skipped.length} of ${report.rows} rows are wrong (see report.skipped); fix them, or send valid_rows_only=true`,
        },
        report: body,
      },
      422,
    );
  });

  api.openapi(upsert, (c) => {
    const where = c.req.valid("query").where;
    const body = c.req.valid("json");
    const result = upsertUser(
      services,
      upsertWhere[where],
      {
        telegramId: body.telegram_id,
        ...profileOf(body),
        tags: body.tags,
        attributes: body.attributes,
      },
      apiActor,
      services.now(),
    );
    const answer = { user: userJson(result.userId), outcome: result.outcome };
    return result.outcome === "created" ? c.json(answer, 201) : c.json(answer, 200);
  });

  api.openapi(bulkRoute, (c) => {
    const { q, all } = c.req.valid("query");
    const tree = segmentOf(q);
    if (tree.kind === "everyone" && !all)
      throw badField("query.all", "q selects every user: send all=true to change them all");
    if (tree.kind !== "everyone" && all)
      throw badField("query.all", "all=true changes every user: leave q out, or leave all out");
    const changes = bulkChangesOf(c.req.valid("json"));
    return c.json(bulkResultJson(changes, bulkEdit(services, tree, changes, apiActor)), 200);
  });

  api.openapi(listUsers, (c) => {
    const { q, limit, cursor } = c.req.valid("query");
    const tree = segmentOf(q);
    const after = decodeCursor(cursor);
    // One more than asked tells whether another page follows.
    const page = services.segments.pageOfSegment(tree, after, limit + 1);
    const shown = page.slice(0, limit);
    const last = shown.at(-1);
    const dearUser = services.settings.get("general").dearUserName;
    return c.json(
      {
        users: shown.map((user) => toUserSummaryJson(user, dearUser)),
        next_cursor: page.length > limit && last ? encodeCursor(last.id) : null,
        total: services.segments.countSegment(tree),
      },
      200,
    );
  });

  api.openapi(getUser, (c) => c.json(userJson(c.req.valid("param").id), 200));

  api.openapi(patchUserRoute, (c) => {
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const changes = patchUser(
      services,
      id,
      {
        ...profileOf(body),
        ...(body.tags && { tags: body.tags }),
        ...(body.attributes && { attributes: body.attributes }),
        ...(body.infinite_session !== undefined && { infiniteSession: body.infinite_session }),
        ...(body.status && { status: body.status }),
      },
      apiActor,
      services.now(),
    );
    if (changes === undefined) throw notFound(`User ${id}`);
    return c.json(userJson(id), 200);
  });

  api.openapi(deleteUser, (c) => {
    const { id } = c.req.valid("param");
    findUser(id);
    try {
      if (!deleteUserData(services, id, apiActor, services.now())) throw notFound(`User ${id}`);
    } catch (error) {
      if (error instanceof UserDataError)
        throw new ApiError(409, "is_admin", `User ${id} is an admin: remove their admin rights first`);
      throw error;
    }
    return c.body(null, 204);
  });

  api.openapi(exportUser, (c) => {
    const { id } = c.req.valid("param");
    const data = downloadUserData(services, id, apiActor, services.now());
    if (!data) throw notFound(`User ${id}`);
    c.header("Content-Disposition", `attachment; filename="user-${id}.json"`);
    return c.json(data as never, 200);
  });

  api.openapi(addNote, (c) => {
    const { id } = c.req.valid("param");
    const { text } = c.req.valid("json");
    const note = addUserNote(services, id, text, apiActor, services.now());
    if (!note) throw notFound(`User ${id}`);
    return c.json(toNoteJson(note), 201);
  });

  api.openapi(listNotes, (c) => {
    const { id } = c.req.valid("param");
    findUser(id);
    return c.json({ notes: services.users.notesOf(id).map(toNoteJson) }, 200);
  });

  api.openapi(deleteNote, (c) => {
    const { id, note_id: noteId } = c.req.valid("param");
    findUser(id);
    if (!deleteUserNote(services, id, noteId, apiActor, services.now()))
      throw notFound(`Note ${noteId} of user ${id}`);
    return c.body(null, 204);
  });

  api.openapi(pauseRoute, (c) => {
    const { id } = c.req.valid("param");
    // Without a JSON body the validator is skipped and the body is {}: the default pause.
    const { minutes, until_resumed: untilResumed } = c.req.valid("json");
    const length = untilResumed ? null : (minutes ?? services.settings.get("users").pauseMinutes);
    pauseBot(services, id, length, apiActor, services.now());
    return c.json(userJson(id), 200);
  });

  api.openapi(resumeRoute, (c) => {
    const { id } = c.req.valid("param");
    resumeBot(services, id, apiActor, services.now());
    return c.json(userJson(id), 200);
  });

  api.openapi(refreshPhoto, async (c) => {
    const { id } = c.req.valid("param");
    try {
      const fileId = await refreshUserPhoto(services, telegram, id, apiActor);
      return c.json({ photo_file_id: fileId }, 200);
    } catch (error) {
      const retryAfter = error instanceof GrammyError ? error.parameters.retry_after : undefined;
      if (retryAfter !== undefined) c.header("Retry-After", String(retryAfter));
      throw photoError(error);
    }
  });
}
