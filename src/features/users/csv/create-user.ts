import type { Db } from "../../../db/client.js";
import type { UserRecord } from "../../../db/schema/index.js";
import { UsherError } from "../../../errors.js";
import type { Actor } from "../../audit/audit-log.js";
import { AuditLog } from "../../audit/audit-repository.js";
import { ContactRepository } from "../contact-repository.js";
import { normalizeEmail, normalizePhone } from "../profile-fields.js";
import { randomCode } from "../random-code.js";
import { fieldLimits, normalizeLanguage, normalizeUsername, textLength } from "./field-values.js";
import type { KeyField } from "./parse-import.js";

/** A person an admin enters by hand: a Telegram id and/or a phone or email, and what else is known. */
export interface NewUserInput {
  telegramId?: number | null;
  phone?: string | null;
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  username?: string | null;
  languageCode?: string | null;
}

export type CreateUserProblem =
  | { kind: "no_key" }
  | { kind: "invalid"; field: keyof NewUserInput }
  | { kind: "too_long"; field: "firstName" | "lastName"; max: number }
  | { kind: "duplicate"; field: KeyField; userId: number };

/** Raised when a user cannot be created; `problems` says each reason. */
export class CreateUserError extends UsherError {
  static readonly codes = ["duplicate", "invalid_user"] as const;

  constructor(readonly problems: CreateUserProblem[]) {
    const duplicate = problems.some((p) => p.kind === "duplicate");
    super(
      duplicate ? "conflict" : "invalid",
      (duplicate ? "duplicate" : "invalid_user") satisfies (typeof CreateUserError.codes)[number],
      `cannot create the user: ${problems.map((p) => p.kind).join(", ")}`,
      problems.flatMap((p) => (p.kind === "no_key" ? [] : [{ field: p.field, message: p.kind }])),
    );
  }
}

interface ValidUser {
  telegramId: number | null;
  phone: string | null;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  username: string | null;
  languageCode: string | null;
}

/**
 * Creates a user by hand. With a Telegram id the user is pending (they have not met the gate);
 * without one they get a surrogate id and cannot be messaged until they show up on Telegram.
 * Refuses a Telegram id, or a phone or email that a user already has as a key (contact-sources.ts).
 */
export function createUser(deps: { db: Db; now: () => Date }, actor: Actor, input: NewUserInput): UserRecord {
  const { db } = deps;
  const valid = validate(input);
  const now = deps.now();
  // One connection: statements on `db` inside the callback run in the transaction.
  return db.transaction(() => {
    const contacts = new ContactRepository(db);
    const duplicates = findDuplicates(contacts, valid);
    if (duplicates.length > 0) throw new CreateUserError(duplicates);
    const id = valid.telegramId ?? contacts.nextSurrogateId();
    const created = contacts.create({
      id,
      firstName: valid.firstName,
      lastName: valid.lastName,
      username: valid.username,
      languageCode: valid.languageCode,
      phone: valid.phone,
      phoneSource: valid.phone === null ? null : "owner",
      email: valid.email,
      emailSource: valid.email === null ? null : "owner",
      status: "pending",
      firstSeenAt: now,
      lastSeenAt: now,
      importedAt: now,
      referralCode: randomCode(),
    });
    new AuditLog(db, () => now).record({ actor, action: "users.create", after: { userId: id } });
    return created;
  });
}

function validate(input: NewUserInput): ValidUser {
  const problems: CreateUserProblem[] = [];
  const text = (value: string | null | undefined) => {
    const trimmed = value?.trim() ?? "";
    return trimmed === "" ? null : trimmed;
  };
  const checked = <T>(field: keyof NewUserInput, raw: string | null, normalise: (s: string) => T | null) => {
    if (raw === null) return null;
    const value = normalise(raw);
    if (value === null) problems.push({ kind: "invalid", field });
    return value;
  };
  const name = (field: "firstName" | "lastName") => {
    const value = text(input[field]);
    if (value !== null && textLength(value) > fieldLimits.name)
      problems.push({ kind: "too_long", field, max: fieldLimits.name });
    return value;
  };

  const telegramId = input.telegramId ?? null;
  if (telegramId !== null && !(Number.isSafeInteger(telegramId) && telegramId > 0))
    problems.push({ kind: "invalid", field: "telegramId" });
  const valid: ValidUser = {
    telegramId,
    phone: checked("phone", text(input.phone), normalizePhone),
    email: checked("email", text(input.email), normalizeEmail),
    firstName: name("firstName"),
    lastName: name("lastName"),
    username: checked("username", text(input.username), normalizeUsername),
    languageCode: checked("languageCode", text(input.languageCode), normalizeLanguage),
  };
  if (valid.telegramId === null && valid.phone === null && valid.email === null && problems.length === 0)
    problems.push({ kind: "no_key" });
  if (problems.length > 0) throw new CreateUserError(problems);
  return valid;
}

/** Users the new one would duplicate; a phone or email someone typed for themselves is no one's key. */
function findDuplicates(contacts: ContactRepository, user: ValidUser): CreateUserProblem[] {
  const found: CreateUserProblem[] = [];
  if (user.telegramId !== null && contacts.find(user.telegramId) !== undefined)
    found.push({ kind: "duplicate", field: "telegramId", userId: user.telegramId });
  for (const field of ["phone", "email"] as const) {
    const value = user[field];
    const holder = value === null ? undefined : contacts.keyHolders(field, value, 1)[0];
    if (holder !== undefined) found.push({ kind: "duplicate", field, userId: holder });
  }
  return found;
}
