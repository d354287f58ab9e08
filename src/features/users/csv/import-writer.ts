import type { Db } from "../../../db/client.js";
import type { Actor } from "../../audit/audit-log.js";
import { ContactRepository, trustedSql } from "../contact-repository.js";
import { visibleName } from "../display-name.js";
import { findImportedByEmail, findImportedByPhone, mergeImportedContact } from "../merge.js";
import { randomCode } from "../random-code.js";
import { profileFields } from "./csv-columns.js";
import type { ImportProfile, ImportRow, KeyField, RowProblem } from "./parse-import.js";

/** What writing one row did to its user. */
export type Outcome = "created" | "updated" | "unchanged";

/** Who imports and as of when: every row is written with this clock. */
export interface WriterOptions {
  actor: Actor;
  now: Date;
}

interface Existing extends ImportProfile {
  id: number;
}
type Fillable = ImportProfile;

interface NewUser extends Fillable {
  id: number;
  status: string;
  nowMs: number;
  registeredAtMs: number | null;
  referralCode: string;
}

/**
 * The statements an import runs per row, compiled once per import. Raw SQL: through drizzle's
 * prepared statements each call costs about twice as much, which doubles a 100,000-row import.
 */
function prepareStatements(db: Db) {
  const client = db.$client;
  return {
    // Aliases quoted: PostgreSQL folds unquoted names to lower case.
    findById: client.prepare<{ id: number }, Existing>(`
      SELECT id, first_name AS "firstName", last_name AS "lastName", username, language_code AS "languageCode",
        language AS "chosenLanguage", phone, email, timezone, gender
      FROM users WHERE id = @id`),
    // Two at most, lowest id first (the order is the database's otherwise): a second one makes the
    // key ambiguous. A phone or email a user typed for themselves finds nobody: anyone can type anyone's.
    findByPhone: client
      .prepare<{ phone: string }, number>(
        `SELECT id FROM users WHERE phone = @phone AND ${trustedSql.phone} ORDER BY id LIMIT 2`,
      )
      .pluck(),
    findByEmail: client
      .prepare<{ email: string }, number>(
        `SELECT id FROM users WHERE lower(email) = @email AND ${trustedSql.email} ORDER BY id LIMIT 2`,
      )
      .pluck(),
    // What the import writes is the owner's data: its phones and emails are keys.
    // CAST: PostgreSQL must know each parameter's type, and IS NULL alone does not tell it.
    insert: client.prepare<NewUser>(`
      INSERT INTO users (id, first_name, last_name, username, language_code, language, phone, email, timezone,
        gender, status, first_seen_at, last_seen_at, imported_at, registered_at, referral_code, phone_source, email_source)
      VALUES (@id, @firstName, @lastName, @username, @languageCode, @chosenLanguage, @phone, @email, @timezone,
        @gender, @status, @nowMs, @nowMs, @nowMs, @registeredAtMs, @referralCode,
        iif(CAST(@phone AS TEXT) IS NULL, NULL, 'owner'), iif(CAST(@email AS TEXT) IS NULL, NULL, 'owner'))`),
    fill: client.prepare<Existing>(`
      UPDATE users SET first_name = @firstName, last_name = @lastName, username = @username,
        language_code = @languageCode, language = @chosenLanguage, phone = @phone, email = @email, timezone = @timezone, gender = @gender,
        phone_source = iif(phone IS @phone, phone_source, 'owner'),
        email_source = iif(email IS @email, email_source, 'owner')
      WHERE id = @id`),
    addTag: client.prepare<{ id: number; tag: string; nowMs: number }>(
      "INSERT INTO user_tags (user_id, tag, created_at) VALUES (@id, @tag, @nowMs) ON CONFLICT DO NOTHING",
    ),
    addAttribute: client.prepare<{ id: number; key: string; value: string; nowMs: number }>(`
      INSERT INTO user_attributes (user_id, key, value, updated_at) VALUES (@id, @key, @value, @nowMs)
      ON CONFLICT DO NOTHING`),
    hasNote: client
      .prepare<{ id: number; text: string }, number>(
        "SELECT 1 FROM user_notes WHERE user_id = @id AND text = @text LIMIT 1",
      )
      .pluck(),
    addNote: client.prepare<{ id: number; authorId: number | null; text: string; nowMs: number }>(
      "INSERT INTO user_notes (user_id, author_id, text, created_at) VALUES (@id, @authorId, @text, @nowMs)",
    ),
  };
}

/** Writes rows into the database; each call runs inside the caller's transaction. */
export class ImportWriter {
  private readonly statements: ReturnType<typeof prepareStatements>;
  private surrogateId: number | undefined;
  private readonly authorId: number | null;

  constructor(
    private readonly db: Db,
    private readonly options: WriterOptions,
  ) {
    this.statements = prepareStatements(db);
    this.authorId = options.actor.kind === "admin" ? options.actor.id : null;
  }

  /** Creates or fills the row's user, or says why the row clashes with the users already stored. */
  write(row: ImportRow): Outcome | RowProblem[] {
    const s = this.statements;
    const byId = row.telegramId === null ? undefined : s.findById.get({ id: row.telegramId });
    const byPhone = row.phone === null ? [] : s.findByPhone.all({ phone: row.phone });
    const byEmail = row.email === null ? [] : s.findByEmail.all({ email: row.email.toLowerCase() });
    if (row.telegramId !== null) return this.writeTelegramUser(row, row.telegramId, byId, byPhone, byEmail);

    const target = byPhone[0] ?? byEmail[0];
    const problems = [...clashes("phone", byPhone, target), ...clashes("email", byEmail, target)];
    if (problems.length > 0) return problems;
    if (target === undefined) {
      this.create(row, this.nextSurrogate());
      return "created";
    }
    const existing = s.findById.get({ id: target });
    if (!existing) throw new Error(`user ${target} vanished during the import`);
    return this.fill(existing, row) ? "updated" : "unchanged";
  }

  /**
   * A row with a Telegram id: its phone and email may find imported contacts, which are the same
   * person and are merged into the Telegram user; another Telegram user with them is a conflict.
   */
  private writeTelegramUser(
    row: ImportRow,
    telegramId: number,
    byId: Existing | undefined,
    byPhone: number[],
    byEmail: number[],
  ): Outcome | RowProblem[] {
    const problems = [
      ...clashes("phone", byPhone.filter(isTelegramId), telegramId),
      ...clashes("email", byEmail.filter(isTelegramId), telegramId),
    ];
    if (problems.length > 0) return problems;
    // The lookups stop at two; merging takes every imported contact with the phone or email.
    const contacts = new Set<number>();
    if (row.phone !== null && !byPhone.every(isTelegramId))
      for (const c of findImportedByPhone(this.db, row.phone)) contacts.add(c.id);
    if (row.email !== null && !byEmail.every(isTelegramId))
      for (const c of findImportedByEmail(this.db, row.email)) contacts.add(c.id);

    let outcome: Outcome;
    if (byId === undefined) {
      this.create(row, telegramId);
      outcome = contacts.size > 0 ? "updated" : "created";
    } else {
      outcome = this.fill(byId, row) || contacts.size > 0 ? "updated" : "unchanged";
    }
    for (const contact of contacts)
      mergeImportedContact({ db: this.db }, { fromId: contact, intoId: telegramId });
    return outcome;
  }

  private create(row: ImportRow, id: number): void {
    const status = row.status ?? "pending";
    const registeredAt = row.registeredAt ?? (status === "active" ? this.options.now : null);
    this.statements.insert.run({
      id,
      firstName: row.firstName,
      lastName: row.lastName,
      username: row.username,
      languageCode: row.languageCode,
      chosenLanguage: row.chosenLanguage,
      phone: row.phone,
      email: row.email,
      timezone: row.timezone,
      gender: row.gender,
      status,
      nowMs: this.options.now.getTime(),
      registeredAtMs: registeredAt?.getTime() ?? null,
      referralCode: randomCode(),
    });
    this.addExtras(id, row);
  }

  /** Fills the empty fields and adds tags, attributes and the note; true when anything changed. */
  private fill(existing: Existing, row: ImportRow): boolean {
    const merged: Fillable = { ...existing };
    let changed = false;
    for (const field of profileFields) {
      const value = row[field];
      // A name made only of invisible characters is as good as none (the Dear User rule).
      const empty =
        field === "firstName" || field === "lastName"
          ? visibleName(existing[field]) === null
          : existing[field] === null;
      if (value !== null && empty) {
        merged[field] = value;
        changed = true;
      }
    }
    if (changed) this.statements.fill.run({ ...merged, id: existing.id });
    return this.addExtras(existing.id, row) || changed;
  }

  private addExtras(id: number, row: ImportRow): boolean {
    const s = this.statements;
    const nowMs = this.options.now.getTime();
    let changes = 0;
    for (const tag of row.tags) changes += s.addTag.run({ id, tag, nowMs }).changes;
    for (const [key, value] of row.attributes)
      changes += s.addAttribute.run({ id, key, value, nowMs }).changes;
    if (row.note !== null && s.hasNote.get({ id, text: row.note }) === undefined) {
      s.addNote.run({ id, authorId: this.authorId, text: row.note, nowMs });
      changes++;
    }
    return changes > 0;
  }

  /**
   * Forgets the next surrogate id: between two transactions another request may have made a
   * contact without a Telegram id, so the lowest id is read again.
   */
  startTransaction(): void {
    this.surrogateId = undefined;
  }

  private nextSurrogate(): number {
    this.surrogateId ??= new ContactRepository(this.db).nextSurrogateId() + 1;
    this.surrogateId--;
    return this.surrogateId;
  }
}

const isTelegramId = (id: number) => id > 0;

/** Conflicts of one key: users it finds other than the row's own. */
function clashes(field: KeyField, found: readonly number[], own: number | undefined): RowProblem[] {
  const other = found.find((id) => id !== own);
  return other === undefined ? [] : [{ kind: "conflict", field, userId: other }];
}
