import { setImmediate as nextTurn } from "node:timers/promises";
import type Database from "better-sqlite3";
import { createDatabase, type Db } from "../../../db/client.js";
import { ImportWriter, type ImportWriter as Writer, type WriterOptions } from "./import-writer.js";
import type { ImportRow, RowError } from "./parse-import.js";

/** What importing the rows would do. */
export interface ImportCheck {
  created: number;
  updated: number;
  unchanged: number;
  /** Rows that clash with the users stored (the file's own problems are not among them). */
  conflicts: RowError[];
}

/** Work per slice before the event loop gets a turn: as short as the apply's (see import-apply.ts). */
const sliceMs = 5;

/**
 * Works out what importing the rows in one go would do, without a write to the database and in
 * slices that yield. A row whose keys find nobody stored creates a user no other row can find (keys
 * are unique within a file), so it is counted as created. The others run through the real writer on a
 * private in-memory copy of the users their keys find, so they see what earlier rows did (a merge
 * moves a contact's other key to a Telegram user) exactly as the import will.
 */
export async function checkImport(
  db: Db,
  rows: readonly ImportRow[],
  options: WriterOptions,
  onSlice?: () => void,
): Promise<ImportCheck> {
  const check: ImportCheck = { created: 0, updated: 0, unchanged: 0, conflicts: [] };
  const copy = createDatabase(":memory:");
  try {
    // Copied users keep their referrers, campaigns and authors out of the copy.
    copy.sqlite.pragma("foreign_keys = OFF");
    const users = new UserCopier(db.$client, copy.sqlite);
    const writer = new ImportWriter(copy.db, options);
    // One read transaction per slice: a statement on its own pays for starting and ending one.
    const readSlice = db.$client.transaction((from: number) =>
      copy.db.transaction(() => checkSlice(rows, from, users, writer, check)),
    );
    let next = 0;
    while (next < rows.length) {
      next = readSlice(next);
      onSlice?.();
      if (next < rows.length) await nextTurn();
    }
  } finally {
    copy.close();
  }
  return check;
}

function checkSlice(
  rows: readonly ImportRow[],
  from: number,
  users: UserCopier,
  writer: Writer,
  check: ImportCheck,
): number {
  const began = performance.now();
  let next = from;
  while (next < rows.length && performance.now() - began < sliceMs) {
    const row = rows[next++] as ImportRow;
    if (!users.copyFoundBy(row)) {
      check.created++;
      continue;
    }
    const result = writer.write(row);
    if (typeof result === "string") check[result]++;
    else check.conflicts.push({ line: row.line, problems: result });
  }
  return next;
}

type Record = { [column: string]: unknown };

/** Copies users (with their tags, attributes and notes) from the database into the private copy, each once. */
class UserCopier {
  private readonly copied = new Set<number>();
  private readonly find;
  private readonly owned;
  private readonly insert;

  constructor(
    from: Database.Database,
    private readonly to: Database.Database,
  ) {
    this.find = {
      id: from.prepare<[number], Record>("SELECT * FROM users WHERE id = ?"),
      phone: from.prepare<[string], Record>("SELECT * FROM users WHERE phone = ?"),
      email: from.prepare<[string], Record>("SELECT * FROM users WHERE lower(email) = ?"),
    };
    this.owned = {
      user_tags: from.prepare<[number], Record>("SELECT * FROM user_tags WHERE user_id = ?"),
      user_attributes: from.prepare<[number], Record>("SELECT * FROM user_attributes WHERE user_id = ?"),
      user_notes: from.prepare<[number], Record>("SELECT * FROM user_notes WHERE user_id = ?"),
    };
    this.insert = Object.fromEntries(
      ["users", ...Object.keys(this.owned)].map((table) => [table, this.insertInto(table)]),
    );
    // New contacts take ids below the lowest stored one.
    const lowest = from.prepare<[], Record>("SELECT * FROM users ORDER BY id LIMIT 1").get();
    if (lowest) this.copy(lowest);
  }

  /** Copies the users the row's keys find; false when they find nobody. */
  copyFoundBy(row: ImportRow): boolean {
    const found = [
      ...(row.telegramId === null ? [] : this.find.id.all(row.telegramId)),
      ...(row.phone === null ? [] : this.find.phone.all(row.phone)),
      ...(row.email === null ? [] : this.find.email.all(row.email.toLowerCase())),
    ];
    for (const user of found) this.copy(user);
    return found.length > 0;
  }

  private copy(user: Record): void {
    const id = user.id as number;
    // Once copied, a user is the copy's: a merge there may have moved or deleted them.
    if (this.copied.has(id)) return;
    this.copied.add(id);
    this.insert.users?.run(user);
    for (const [table, select] of Object.entries(this.owned))
      for (const record of select.all(id)) this.insert[table]?.run(record);
  }

  private insertInto(table: string): Database.Statement<Record> {
    const columns = (this.to.pragma(`table_info(${table})`) as Array<{ name: string }>).map((c) => c.name);
    return this.to.prepare<Record>(
      `INSERT OR IGNORE INTO ${table} (${columns.join(", ")}) VALUES (${columns.map((c) => `@${c}`).join(", ")})`,
    );
  }
}
