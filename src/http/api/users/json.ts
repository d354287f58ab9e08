import type { z } from "@hono/zod-openapi";
import type { Services } from "../../../bot/services.js";
import { fillTemplate } from "../../../features/content/template.js";
import { GroupRepository } from "../../../features/groups/group-repository.js";
import type { BulkChange } from "../../../features/users/bulk.js";
import { sourceOf } from "../../../features/users/contact-sources.js";
import type { PlannedColumn } from "../../../features/users/csv/csv-columns.js";
import type { ImportReport } from "../../../features/users/csv/import-users.js";
import type { FileProblem, RowProblem } from "../../../features/users/csv/parse-import.js";
import { displayName } from "../../../features/users/display-name.js";
import { localTimeOf } from "../../../features/users/local-time.js";
import { isPaused, isPausedUntilResumed } from "../../../features/users/takeover/pause.js";
import type { UserNote, UserRecord } from "../../../features/users/user-repository.js";
import { fieldLabels, problemTexts } from "../../../texts/admin-user-tools.js";
import { snakeCase } from "../../snake-case.js";
import { findUser } from "./request.js";
import type {
  bulkResultSchema,
  importReportSchema,
  noteSchema,
  problemSchema,
  userSchema,
  userSummarySchema,
} from "./schemas.js";

/** Users, notes, import reports and bulk results as the API's JSON bodies show them. */

const iso = (at: Date | null) => at?.toISOString() ?? null;

/** A user as the paged list shows them, with their `tags`; `dearUser` names a user without a name. */
export function toUserSummaryJson(
  user: UserRecord,
  dearUser: string,
  tags: readonly string[],
): z.infer<typeof userSummarySchema> {
  return {
    id: user.id,
    telegram_id: user.id > 0 ? user.id : null,
    first_name: user.firstName,
    last_name: user.lastName,
    display_name: displayName(user, dearUser),
    username: user.username,
    language: user.languageCode,
    chosen_language: user.language,
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
    tags: [...tags].sort(),
  };
}

/** A note as the API shows it. */
export const toNoteJson = (note: UserNote): z.infer<typeof noteSchema> => ({
  id: note.id,
  author_id: note.authorId,
  text: note.text,
  at: note.createdAt.toISOString(),
});

/** One user in full, with their tags, attributes, notes, campaign and takeover state. */
function toUserJson(services: Services, user: UserRecord): z.infer<typeof userSchema> {
  const campaign = user.campaignId === null ? undefined : services.campaigns.find(user.campaignId);
  const paused = isPaused(user.pausedUntil, services.now());
  const untilResumed = paused && isPausedUntilResumed(user.pausedUntil);
  return {
    ...toUserSummaryJson(user, services.settings.get("general").dearUserName, services.users.tagsOf(user.id)),
    photo_file_id: user.photoFileId,
    referrer_id: user.referrerId,
    referral_count: user.referralCount,
    campaign: campaign ? { id: campaign.id, code: campaign.code, name: campaign.name } : null,
    groups: new GroupRepository(services.db).sharedWith(user.id),
    attributes: Object.fromEntries(services.users.attributesOf(user.id).map((a) => [a.key, a.value])),
    notes: services.users.notesOf(user.id).map(toNoteJson),
    local_time: localTimeOf(user.timezone, services.now())?.toISO({ suppressMilliseconds: true }) ?? null,
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

/** The user a path names in full, or a 404. */
export const userJsonOf = (services: Services, id: number) => toUserJson(services, findUser(services, id));

type Problem = z.infer<typeof problemSchema>;

/** A row or file problem of an import: its kind as `code`, the admin menu's words, its facts in snake_case. */
function problemJson(problem: RowProblem | FileProblem): Problem {
  const { kind, ...facts } = problem;
  const values: Record<string, string | number> = {};
  const out: Record<string, unknown> = { code: kind };
  for (const [name, value] of Object.entries(facts)) {
    out[snakeCase(name)] = name === "field" ? snakeCase(String(value)) : value;
    if (typeof value === "string" || typeof value === "number") values[snakeCase(name)] = value;
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
    ...(role.kind === "field" && { field: snakeCase(role.field) }),
    ...(role.kind === "attribute" && { key: role.key }),
  };
}

/** An import's report in the API's words: snake_case facts and the admin menu's messages. */
export function importReportJson(report: ImportReport): z.infer<typeof importReportSchema> {
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

/** How many users each bulk change changed, keyed by tag or attribute key. */
export function bulkResultJson(
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
