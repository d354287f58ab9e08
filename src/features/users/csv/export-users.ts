import { pipeline, Readable } from "node:stream";
import { stringify } from "csv-stringify";
import type { Db } from "../../../db/client.js";
import type { UserRecord } from "../../../db/schema/index.js";
import { attributeHeader, exportColumns } from "./csv-columns.js";
import { ExportRepository, type UserCondition } from "./export-repository.js";

export interface ExportOptions {
  /** Which users: a condition on the users table (a compiled segment); everyone when absent. */
  where?: UserCondition;
  /** Users read per query; memory holds one batch at a time. */
  batchSize?: number;
}

type Cell = string | number;

interface ExportedUser {
  user: UserRecord;
  campaign: string | null;
  tags: string[];
  notes: string[];
}

/** How each standard column is written. */
const standardCells: Record<(typeof exportColumns)[number], (e: ExportedUser) => Cell> = {
  telegram_id: ({ user }) => (user.id > 0 ? user.id : ""),
  first_name: ({ user }) => text(user.firstName),
  last_name: ({ user }) => text(user.lastName),
  username: ({ user }) => text(user.username),
  language: ({ user }) => text(user.languageCode),
  chosen_language: ({ user }) => text(user.language),
  phone: ({ user }) => text(user.phone),
  email: ({ user }) => text(user.email),
  timezone: ({ user }) => text(user.timezone),
  gender: ({ user }) => text(user.gender),
  status: ({ user }) => user.status,
  tags: ({ tags }) => tags.join(", "),
  registered_at: ({ user }) => time(user.registeredAt),
  notes: ({ notes }) => text(notes.join("\n\n")),
  premium: ({ user }) => String(user.isPremium),
  first_seen_at: ({ user }) => time(user.firstSeenAt),
  last_seen_at: ({ user }) => time(user.lastSeenAt),
  dead_at: ({ user }) => time(user.deadAt),
  dead_reason: ({ user }) => text(user.deadReason),
  referrer_id: ({ user }) => user.referrerId ?? "",
  campaign: ({ campaign }) => campaign ?? "",
  referral_count: ({ user }) => user.referralCount,
  sessions: ({ user }) => user.sessionCount,
  messages: ({ user }) => user.messageCount,
  clicks: ({ user }) => user.clickCount,
  time_spent_seconds: ({ user }) => user.timeSpentSeconds,
  average_sentiment: ({ user }) => (user.sentimentCount > 0 ? user.sentimentTotal / user.sentimentCount : ""),
  last_message: ({ user }) => text(user.lastMessageText),
  last_message_at: ({ user }) => time(user.lastMessageAt),
  imported_at: ({ user }) => time(user.importedAt),
};

/**
 * The users as CSV: every standard field, tags joined with ", ", notes with a blank line between
 * them, and one column per attribute key any exported user has. Read in batches by id, so memory
 * stays flat however many users there are (each batch is read as it is then: attribute keys first
 * set during the export have no column). Cells that a spreadsheet would run as a formula are
 * escaped with a leading `'`, which the import removes.
 */
export function exportUsersCsv(db: Db, options: ExportOptions = {}): Readable {
  const repository = new ExportRepository(db, options.where);
  const keys = repository.attributeKeys();
  const columns = [...exportColumns, ...keys.map(attributeHeader)];
  return pipeline(
    Readable.from(csvRows(repository, keys, options.batchSize ?? 1000)),
    stringify({ header: true, columns }),
    () => undefined,
  );
}

function* csvRows(repository: ExportRepository, keys: readonly string[], batchSize: number) {
  let after = Number.MIN_SAFE_INTEGER;
  for (;;) {
    const page = repository.page(after, batchSize);
    const last = page.at(-1);
    if (!last) return;
    const ids = page.map((p) => p.user.id);
    const tags = groupBy(repository.tags(ids), (t) => t.tag);
    const attributes = groupBy(repository.attributes(ids), (a) => [a.key, a.value] as const);
    const notes = groupBy(repository.notes(ids), (n) => n.text);
    for (const { user, campaign } of page) {
      const values = new Map(attributes.get(user.id));
      const exported: ExportedUser = {
        user,
        campaign,
        tags: tags.get(user.id) ?? [],
        notes: notes.get(user.id) ?? [],
      };
      yield [
        ...exportColumns.map((column) => standardCells[column](exported)),
        ...keys.map((key) => text(values.get(key) ?? null)),
      ];
    }
    if (page.length < batchSize) return;
    after = last.user.id;
  }
}

function groupBy<R extends { userId: number }, V>(
  rows: readonly R[],
  value: (row: R) => V,
): Map<number, V[]> {
  const groups = new Map<number, V[]>();
  for (const row of rows) {
    const group = groups.get(row.userId);
    if (group) group.push(value(row));
    else groups.set(row.userId, [value(row)]);
  }
  return groups;
}

function time(date: Date | null): string {
  return date ? date.toISOString() : "";
}

/**
 * Free text, escaped with a `'` when a spreadsheet would take it for a formula (plain numbers stay
 * as they are). Text that already starts with `'`s before such a character gets one more, so the
 * import, which removes exactly one, gives it back unchanged.
 */
function text(value: string | null): string {
  if (value === null) return "";
  return /^'*[=+\-@\t\r]/.test(value) && !/^[+-]?\d[\d.]*$/.test(value) ? `'${value}` : value;
}
