import { createRoute, z } from "@hono/zod-openapi";
import { csvResponse } from "../../csv-download.js";
import { errorResponses, errorSchema } from "../../errors.js";
import { bearerSecurity, jsonBody, jsonResponse } from "../../schemas.js";
import {
  bulkQuery,
  bulkResultSchema,
  importQuery,
  importRefusedSchema,
  importReportSchema,
  listQuery,
  noteParams,
  noteSchema,
  pauseSchema,
  photoSchema,
  segmentText,
  upsertResultSchema,
  userBulkSchema,
  userDataExportSchema,
  userIdParams,
  userListSchema,
  userPatchSchema,
  userSchema,
  userUpsertSchema,
} from "./schemas.js";

/** The OpenAPI declarations of the users routes: path, method, request and the answers each may give. */

const tags = ["Users"];

/** GET /users. */
export const listUsers = createRoute({
  method: "get",
  path: "/users",
  tags,
  summary: "The users of a segment, a page at a time, sorted by a column (keyset by its value and id)",
  security: bearerSecurity,
  request: { query: listQuery },
  responses: {
    200: jsonResponse(userListSchema, "One page of users"),
    ...errorResponses(400, 401),
  },
});

/** GET /users.csv. */
export const exportCsv = createRoute({
  method: "get",
  path: "/users.csv",
  tags,
  summary: "The users of a segment as CSV (streamed; the admin menu's export)",
  security: bearerSecurity,
  request: { query: z.object({ q: segmentText.optional() }) },
  responses: {
    200: csvResponse("CSV with a header row; one column per attribute key"),
    ...errorResponses(400, 401),
  },
});

/** POST /users/import. */
export const importCsv = createRoute({
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

/** PUT /users/upsert. */
export const upsert = createRoute({
  method: "put",
  path: "/users/upsert",
  tags,
  summary:
    "Create or update the user the `where` field finds; merges an imported contact into a Telegram user",
  security: bearerSecurity,
  request: {
    query: z.object({
      where: z
        .string()
        .regex(
          /^(telegram_id|email|phone|attribute:[a-z0-9_]{1,64})$/,
          "expected telegram_id, email, phone or attribute:<key>",
        )
        .meta({
          description:
            "The key that finds the user: `telegram_id`, `email`, `phone`, or `attribute:<key>` (the user whose attribute `<key>` equals `attributes.<key>` of the body, exactly). No user: one is created; more than one: `409 ambiguous`",
          example: "attribute:crm_id",
        }),
    }),
    body: jsonBody(userUpsertSchema),
  },
  responses: {
    200: jsonResponse(upsertResultSchema, "Updated, unchanged or merged"),
    201: jsonResponse(upsertResultSchema, "Created"),
    ...errorResponses(400, 401, 409, 413, 415),
  },
});

/** GET /users/{id}. */
export const getUser = createRoute({
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

/** PATCH /users/{id}. */
export const patchUser = createRoute({
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

/** DELETE /users/{id}. */
export const deleteUser = createRoute({
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

/** GET /users/{id}/export. */
export const exportUser = createRoute({
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

/** POST /users/{id}/notes. */
export const addNote = createRoute({
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

/** GET /users/{id}/notes. */
export const listNotes = createRoute({
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

/** PATCH /users/{id}/notes/{note_id}. */
export const editNote = createRoute({
  method: "patch",
  path: "/users/{id}/notes/{note_id}",
  tags,
  summary: "Replace the text of one of the user's notes",
  security: bearerSecurity,
  request: {
    params: noteParams,
    body: jsonBody(z.object({ text: z.string() }).strict()),
  },
  responses: {
    200: jsonResponse(noteSchema, "The note"),
    ...errorResponses(400, 401, 404, 413, 415),
  },
});

/** DELETE /users/{id}/notes/{note_id}. */
export const deleteNote = createRoute({
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

/** POST /users/{id}/pause. */
export const pause = createRoute({
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

/** POST /users/{id}/resume. */
export const resume = createRoute({
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

/** POST /users/{id}/photo/refresh. */
export const refreshPhoto = createRoute({
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

/** GET /users/{id}/photo. */
export const getPhoto = createRoute({
  method: "get",
  path: "/users/{id}/photo",
  tags,
  summary: "The user's stored profile photo, streamed through the server (the bot token stays there)",
  security: bearerSecurity,
  request: { params: userIdParams },
  responses: {
    200: {
      description: "The photo's bytes (JPEG for a Telegram profile photo)",
      content: { "image/jpeg": { schema: z.string().meta({ format: "binary" }) } },
    },
    404: jsonResponse(errorSchema, "No such user (`not_found`), or no photo stored (`no_photo`)"),
    422: jsonResponse(errorSchema, "Telegram refused the stored file (`telegram_refused`)"),
    503: jsonResponse(
      errorSchema,
      "Telegram could not be reached or asked to wait (`telegram_unavailable`); try again later",
    ),
    ...errorResponses(400, 401),
  },
});

/** POST /users/bulk. */
export const bulkEdit = createRoute({
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
