import { z } from "@hono/zod-openapi";
import { contactSources, userStatuses } from "../../../features/users/user-repository.js";
import { userSorts } from "../../../features/users/user-sorts.js";
import { errorSchema } from "../../errors.js";
import { count, isoTime } from "../../schemas.js";

/** The request and response schemas of the users routes (paths, queries, bodies, answers). */

const optionalTime = isoTime.nullable();
/** A `true`/`false` query parameter, false when absent. */
const queryFlag = () =>
  z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true");
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
  language: text.meta({ description: "The language Telegram reports (language_code)" }),
  chosen_language: text.meta({
    description:
      "The language the user (/language) or an admin chose; null: Telegram's. The bot speaks this one",
  }),
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
  tags: z.array(z.string()).meta({ description: "Sorted" }),
};

/** A user as the paged list shows them. */
export const userSummarySchema = z.object(summaryShape).meta({ id: "UserSummary" });

/** An admin's (or the API's) note on a user. */
export const noteSchema = z
  .object({
    id: z.number().int(),
    author_id: z.number().int().nullable().meta({ description: "The admin who wrote it; null for the API" }),
    text: z.string(),
    at: isoTime,
  })
  .meta({ id: "UserNote" });

/** One user in full: profile, tags, attributes, notes, activity and takeover state. */
export const userSchema = z
  .object({
    ...summaryShape,
    photo_file_id: text,
    referrer_id: z.number().int().nullable(),
    referral_count: count,
    campaign: z.object({ id: z.number().int(), code: z.string(), name: z.string() }).nullable(),
    groups: z
      .array(z.object({ id: z.number().int(), title: z.string() }))
      .meta({ description: "Groups of the bot the user is seen in (001's Group), by title" }),
    attributes: z.record(z.string(), z.string()),
    notes: z.array(noteSchema).meta({ description: "Newest first" }),
    local_time: z
      .string()
      .nullable()
      .meta({ description: "The user's wall clock now, ISO 8601 with offset; null without a time zone" }),
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

/** The `{id}` of a users path. */
export const userIdParams = z.object({
  id: z
    .string()
    .regex(/^-?\d{1,16}$/, "expected a whole number")
    .transform(Number)
    .pipe(z.number().int())
    .meta({ description: "The user id (negative for an imported contact)", example: "123456789" }),
});

/** The `q` of a query: a segment in the admin menu's filter language. */
export const segmentText = z.string().max(8192).meta({
  description: "A segment in the filter language of the admin menu (`tag:vip lang:en`); empty: everyone",
  example: "tag:vip messages>=10",
});

/** The query of GET /users. */
export const listQuery = z.object({
  q: segmentText.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  sort: z
    .enum(userSorts)
    .default("id")
    .meta({
      description:
        "The order: `id` (the default), or a column of the list: `name` (first and last name, ignoring case; " +
        "no first name counts as no value), " +
        "`username` (ignoring case), `language` (the chosen one, else Telegram's), `status` (`dead` for a " +
        "dead user), `created_at`, `registered_at`, `last_seen_at`. Users without a value come last in " +
        "either order; ties and those go by id, the same way",
    }),
  order: z.enum(["asc", "desc"]).default("asc"),
  cursor: z.string().max(1024).optional().meta({
    description: "`next_cursor` of the page before, asked with the same `sort` and `order` (else 400)",
  }),
});

/** One page of GET /users. */
export const userListSchema = z
  .object({
    users: z.array(userSummarySchema),
    next_cursor: z.string().nullable().meta({ description: "null on the last page" }),
    total: count.meta({ description: "How many users the segment selects" }),
  })
  .meta({ id: "UserList" });

const clearable = z.string().nullable().optional();
/** The profile fields PATCH and upsert take; null clears one. */
export const profileShape = {
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

/** The body of PATCH /users/{id}. */
export const userPatchSchema = z
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
    chosen_language: z.string().max(35).nullable().optional().meta({
      description:
        "The language the bot speaks to the user (an IETF tag, its primary language kept: `pt-BR` → `pt`); null: Telegram's again",
    }),
  })
  .strict()
  .meta({ id: "UserPatch" });

/** The body of POST /users/{id}/pause. */
export const pauseSchema = z
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

/** The query of POST /users/bulk. */
export const bulkQuery = z.object({
  q: segmentText.optional(),
  all: queryFlag().meta({
    description: "Required (and only allowed) when the change is for every user: q empty or absent",
  }),
});

/** The body of POST /users/bulk. */
export const userBulkSchema = z
  .object({ tags: tagChanges, attributes: attributeChanges })
  .strict()
  .meta({ id: "UserBulk" });

const changedBy = z.record(z.string(), count).meta({ description: "tag or key → how many users it changed" });
/** The answer of POST /users/bulk. */
export const bulkResultSchema = z
  .object({
    matched: count.meta({ description: "How many users the segment selected" }),
    tags: z.object({ add: changedBy, remove: changedBy }),
    attributes: z.object({ set: changedBy, unset: changedBy }),
  })
  .meta({ id: "UserBulkResult" });

/** The `{id}` and `{note_id}` of a note's path. */
export const noteParams = userIdParams.extend({
  note_id: z
    .string()
    .regex(/^\d{1,16}$/, "expected a whole number")
    .transform(Number)
    .pipe(z.number().int())
    .meta({ description: "The note id", example: "7" }),
});

/** The answer of a photo refresh. */
export const photoSchema = z
  .object({
    photo_file_id: text.meta({ description: "The largest size of the current photo; null: none or hidden" }),
  })
  .meta({ id: "UserPhoto" });

/** The body of PUT /users/upsert. */
export const userUpsertSchema = z
  .object({
    telegram_id: z.number().int().positive().nullable().optional(),
    ...profileShape,
    tags: tagList.optional().meta({ description: "Tags to add" }),
    attributes: attributeMap.optional(),
  })
  .strict()
  .meta({ id: "UserUpsert" });

/** The answer of PUT /users/upsert. */
export const upsertResultSchema = z
  .object({ user: userSchema, outcome: z.enum(["created", "updated", "unchanged", "merged"]) })
  .meta({ id: "UserUpsertResult" });

/** A file or row problem of an import. */
export const problemSchema = z
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

/** What an import did, or a dry run would do. */
export const importReportSchema = z
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

/** The 422 of an import that was refused, with its report. */
export const importRefusedSchema = z
  .object({ error: errorSchema.shape.error, report: importReportSchema })
  .meta({ id: "ImportRefused" });

/** The query of POST /users/import. */
export const importQuery = z.object({
  dry_run: queryFlag(),
  valid_rows_only: queryFlag().meta({
    description: "Import the valid rows and skip the others; otherwise one wrong row stops the file",
  }),
});

/** GET /users/{id}/export: everything stored about the user. */
export const userDataExportSchema = z
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
