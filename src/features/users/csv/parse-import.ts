import { Readable } from "node:stream";
import { setImmediate as nextTurn } from "node:timers/promises";
import { parse } from "csv-parse";
import type { UserStatus } from "../../../db/schema/index.js";
import {
  checkedChosenLanguage,
  normalizeEmail,
  normalizePhone,
  ProfileFieldError,
} from "../profile-fields.js";
import {
  type ColumnProblem,
  type ImportField,
  type keyFields,
  type PlannedColumn,
  planColumns,
  type profileFields,
} from "./csv-columns.js";
import {
  attributeValueFits,
  fieldLimits,
  normalizeLanguage,
  normalizeTag,
  normalizeTimezone,
  normalizeUsername,
  parseDate,
  parseStatus,
  parseTelegramId,
  splitTags,
  textLength,
} from "./field-values.js";

export type Delimiter = "," | ";" | "\t";
export type KeyField = (typeof keyFields)[number];

/** The profile fields an import reads and fills (an empty one stays null). */
export type ImportProfile = Record<(typeof profileFields)[number], string | null>;

/** One person read from a CSV file, validated and normalised. */
export interface ImportRow extends ImportProfile {
  /** Where the record starts in the file, counting the header as line 1. */
  line: number;
  telegramId: number | null;
  status: UserStatus | null;
  registeredAt: Date | null;
  tags: string[];
  attributes: Array<[key: string, value: string]>;
  note: string | null;
}

/** Why a row cannot be imported; `column` is the header as the file spells it. */
export type RowProblem =
  | { kind: "cell_count"; expected: number; got: number }
  | { kind: "no_key" }
  | { kind: "invalid"; field: ImportField; column: string; value: string }
  | { kind: "too_long"; column: string; max: number }
  | { kind: "value_in_unnamed_column"; position: number }
  | { kind: "active_without_telegram_id" }
  | { kind: "duplicate"; field: KeyField; value: string; firstLine: number }
  /** Found against the database: the value belongs to another user than the row's other keys. */
  | { kind: "conflict"; field: KeyField; userId: number };

export interface RowError {
  line: number;
  problems: RowProblem[];
}

/** Why a whole file cannot be imported. */
export type FileProblem =
  | ColumnProblem
  | { kind: "empty" }
  | { kind: "not_utf8" }
  | { kind: "malformed"; line: number; message: string };

export type ParsedImport =
  | { ok: true; delimiter: Delimiter; columns: PlannedColumn[]; rows: ImportRow[]; errors: RowError[] }
  | { ok: false; problems: FileProblem[] };

const maxShownValue = 100;

/** Bytes handed to the CSV parser at a time: a few hundred rows. */
const chunkBytes = 64 * 1024;
/**
 * How long reading runs before it lets timers, I/O and other requests have the event loop. Short:
 * a request on a new connection needs a few turns of the loop, and each turn costs one slice.
 */
const sliceMs = 5;

interface InfoRecord {
  record: string[];
  /** `lines` is the line the record ends on. */
  info: { lines: number };
}

/**
 * Reads a CSV file of users: UTF-8 (a BOM is fine), comma, semicolon or tab as its header line
 * shows, quoted cells may hold newlines. Rows are validated one by one, so a bad row names its line
 * and reasons while the others still read; rows whose cells are all empty are passed over. Reads in
 * slices of about 5 ms and yields between them: a big file never holds the event loop for long.
 */
export async function parseImport(file: string | Uint8Array): Promise<ParsedImport> {
  let text: string;
  try {
    text = typeof file === "string" ? file : new TextDecoder("utf-8", { fatal: true }).decode(file);
  } catch {
    return { ok: false, problems: [{ kind: "not_utf8" }] };
  }
  // Line numbers stay right only with one kind of line break (csv-parse miscounts CRLF inside quotes).
  const body = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const delimiter = detectDelimiter(body);

  const rejected: Array<{ line: number; got: number }> = [];
  let malformed: FileProblem | undefined;
  const parser = Readable.from(chunksOf(Buffer.from(body), chunkBytes)).pipe(
    parse({
      delimiter,
      info: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (error) => {
        if (!error) return;
        const cells = Array.isArray(error.record) ? (error.record as string[]) : [];
        const line = Number(error.lines) - breaksIn(cells);
        if (error.code === "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH")
          rejected.push({ line, got: cells.length });
        else malformed ??= { kind: "malformed", line, message: error.message };
      },
    }),
  );

  let header: string[] | undefined;
  let plan: ReturnType<typeof planColumns> | undefined;
  const rows: ImportRow[] = [];
  const rowErrors: RowError[] = [];
  try {
    let reader: RowReader | undefined;
    let sliceStart = performance.now();
    // With `info` each record comes wrapped; the typings know only plain arrays.
    for await (const { record, info } of parser as AsyncIterable<InfoRecord>) {
      if (header === undefined) {
        header = record;
        plan = planColumns(record);
        if (plan.ok) reader = new RowReader(plan.columns);
      } else if (reader && !malformed && !record.every((cell) => cell.trim() === "")) {
        const line = info.lines - breaksIn(record);
        const result = reader.read(record, line);
        if (result.ok) rows.push(result.row);
        else rowErrors.push({ line, problems: result.problems });
      }
      if (performance.now() - sliceStart >= sliceMs) {
        await nextTurn();
        sliceStart = performance.now();
      }
    }
  } catch (error) {
    return { ok: false, problems: [{ kind: "malformed", line: 0, message: String(error) }] };
  }
  if (malformed) return { ok: false, problems: [malformed] };
  if (!header || !plan) return { ok: false, problems: [{ kind: "empty" }] };
  if (!plan.ok) return { ok: false, problems: plan.problems };

  const expected = header.length;
  const errors: RowError[] = [
    ...rejected.map(({ line, got }) => ({
      line,
      problems: [{ kind: "cell_count" as const, expected, got }],
    })),
    ...rowErrors,
  ];
  errors.sort((a, b) => a.line - b.line);
  return { ok: true, delimiter, columns: plan.columns, rows, errors };
}

function* chunksOf(bytes: Buffer, size: number): Generator<Buffer> {
  for (let start = 0; start < bytes.length; start += size) yield bytes.subarray(start, start + size);
}

/** The delimiter the header line uses most (outside quotes); a comma when it uses none. */
export function detectDelimiter(text: string): Delimiter {
  const counts: Record<Delimiter, number> = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === "\n") break;
    else if (!quoted && char in counts) counts[char as Delimiter]++;
  }
  const best = (Object.keys(counts) as Delimiter[]).sort((a, b) => counts[b] - counts[a])[0] ?? ",";
  return counts[best] > 0 ? best : ",";
}

/** Line breaks inside a record's quoted cells: how many lines it spans beyond its first. */
function breaksIn(cells: readonly string[]): number {
  let n = 0;
  for (const cell of cells) {
    for (let i = cell.indexOf("\n"); i !== -1; i = cell.indexOf("\n", i + 1)) n++;
  }
  return n;
}

/** Spreadsheet formula escaping as the export writes it: `'=…` reads back as `=…`, `''=…` as `'=…`. */
function unescapeFormula(cell: string): string {
  return /^'+[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

type ReadResult = { ok: true; row: ImportRow } | { ok: false; problems: RowProblem[] };

/** Validates rows against the planned columns and remembers keys to find duplicates within the file. */
class RowReader {
  private readonly seen: Record<KeyField, Map<string, number>> = {
    telegramId: new Map(),
    phone: new Map(),
    email: new Map(),
  };

  constructor(private readonly columns: readonly PlannedColumn[]) {}

  read(record: readonly string[], line: number): ReadResult {
    const row: ImportRow = {
      line,
      telegramId: null,
      firstName: null,
      lastName: null,
      username: null,
      languageCode: null,
      chosenLanguage: null,
      phone: null,
      email: null,
      timezone: null,
      gender: null,
      status: null,
      registeredAt: null,
      tags: [],
      attributes: [],
      note: null,
    };
    const problems: RowProblem[] = [];
    for (let position = 0; position < this.columns.length; position++) {
      const column = this.columns[position] as PlannedColumn;
      const cell = unescapeFormula((record[position] ?? "").trim());
      if (cell === "") continue;
      const role = column.role;
      if (role.kind === "unnamed") problems.push({ kind: "value_in_unnamed_column", position: position + 1 });
      else if (role.kind === "attribute") {
        if (attributeValueFits(cell)) row.attributes.push([role.key, cell]);
        else problems.push({ kind: "too_long", column: column.header, max: fieldLimits.attributeBytes });
      } else if (role.kind === "field") {
        const problem = readField(row, role.field, cell, column.header);
        if (problem) problems.push(problem);
      }
    }

    if (row.telegramId === null && row.phone === null && row.email === null && problems.length === 0)
      problems.push({ kind: "no_key" });
    if (row.telegramId === null && row.status === "active")
      problems.push({ kind: "active_without_telegram_id" });
    this.checkDuplicate(
      "telegramId",
      row.telegramId === null ? null : String(row.telegramId),
      line,
      problems,
    );
    this.checkDuplicate("phone", row.phone, line, problems);
    this.checkDuplicate("email", row.email?.toLowerCase() ?? null, line, problems);
    return problems.length > 0 ? { ok: false, problems } : { ok: true, row };
  }

  private checkDuplicate(field: KeyField, value: string | null, line: number, problems: RowProblem[]): void {
    if (value === null) return;
    const firstLine = this.seen[field].get(value);
    if (firstLine === undefined) this.seen[field].set(value, line);
    else problems.push({ kind: "duplicate", field, value, firstLine });
  }
}

/** Stores one non-empty cell into the row, or says what is wrong with it. */
function readField(row: ImportRow, field: ImportField, cell: string, column: string): RowProblem | undefined {
  switch (field) {
    case "telegramId":
      row.telegramId = parseTelegramId(cell);
      return row.telegramId === null ? invalid(field, column, cell) : undefined;
    case "firstName":
    case "lastName":
      if (longer(cell, fieldLimits.name)) return tooLong(column, fieldLimits.name);
      row[field] = cell;
      return undefined;
    case "username":
      row.username = normalizeUsername(cell);
      return row.username === null ? invalid(field, column, cell) : undefined;
    case "languageCode":
      row.languageCode = normalizeLanguage(cell);
      return row.languageCode === null ? invalid(field, column, cell) : undefined;
    case "chosenLanguage":
      try {
        row.chosenLanguage = checkedChosenLanguage(cell);
        return undefined;
      } catch (error) {
        if (error instanceof ProfileFieldError) return invalid(field, column, cell);
        throw error;
      }
    case "phone":
      row.phone = normalizePhone(cell);
      return row.phone === null ? invalid(field, column, cell) : undefined;
    case "email":
      if (cell.length > fieldLimits.email) return tooLong(column, fieldLimits.email);
      row.email = normalizeEmail(cell);
      return row.email === null ? invalid(field, column, cell) : undefined;
    case "timezone":
      row.timezone = normalizeTimezone(cell);
      return row.timezone === null ? invalid(field, column, cell) : undefined;
    case "gender":
      if (longer(cell, fieldLimits.gender)) return tooLong(column, fieldLimits.gender);
      if (/[\r\n]/.test(cell)) return invalid(field, column, cell);
      row.gender = cell.toLowerCase();
      return undefined;
    case "tags":
      for (const raw of splitTags(cell)) {
        const tag = normalizeTag(raw);
        if (tag === null) return invalid(field, column, raw);
        if (!row.tags.includes(tag)) row.tags.push(tag);
      }
      return undefined;
    case "status":
      row.status = parseStatus(cell);
      return row.status === null ? invalid(field, column, cell) : undefined;
    case "registeredAt":
      row.registeredAt = parseDate(cell);
      return row.registeredAt === null ? invalid(field, column, cell) : undefined;
    case "notes":
      if (longer(cell, fieldLimits.note)) return tooLong(column, fieldLimits.note);
      row.note = cell;
      return undefined;
  }
}

function invalid(field: ImportField, column: string, value: string): RowProblem {
  return { kind: "invalid", field, column, value: value.slice(0, maxShownValue) };
}

function tooLong(column: string, max: number): RowProblem {
  return { kind: "too_long", column, max };
}

/** True when a text has more than `max` characters (counted as code points only when it might). */
function longer(text: string, max: number): boolean {
  return text.length > max && textLength(text) > max;
}
