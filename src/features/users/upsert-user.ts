import { type RefusalKind, type RefusedField, UsherError } from "../../errors.js";
import type { Actor } from "../audit/audit-log.js";
import { AuditLog } from "../audit/audit-repository.js";
import { ContactRepository } from "./contact-repository.js";
import type { ContactField } from "./contact-sources.js";
import { mergeImportedContact } from "./merge.js";
import {
  applyPatch,
  auditChanges,
  type CheckedPatch,
  checkPatch,
  type ProfileChanges,
  type UserEditDeps,
} from "./patch-user.js";
import { randomCode } from "./random-code.js";

/** The field an upsert finds its user by: a contact key, or the value of one attribute. */
export type UpsertKey = "telegramId" | "email" | "phone" | { attribute: string };

/** What an upsert knows about a person: profile fields (null clears), tags to add, attributes to set. */
export interface UserUpsert extends ProfileChanges {
  telegramId?: number | null;
  tags?: readonly string[];
  attributes?: Readonly<Record<string, string>>;
}

/** An upsert's input: the field that finds the user, and what to store about them. */
export interface UpsertRequest extends UserUpsert {
  where: UpsertKey;
}

export type UpsertOutcome = "created" | "updated" | "unchanged" | "merged";

export interface UpsertResult {
  userId: number;
  outcome: UpsertOutcome;
}

export type UpsertProblem =
  /** The input has no value for the key the upsert finds by. */
  | { kind: "missing_key"; field: UpsertKey }
  | { kind: "invalid_telegram_id" }
  /** More than one user has the key's value. */
  | { kind: "ambiguous"; field: UpsertKey; userIds: number[] }
  /** The key's value belongs to another Telegram user than the input's telegramId. */
  | { kind: "conflict"; field: UpsertKey; userId: number };

/** An upsert refused for a reason other than a bad field value (those throw UserFieldError). */
export class UpsertError extends UsherError {
  static readonly codes = ["invalid_request", "ambiguous", "conflict"] as const;

  constructor(readonly problem: UpsertProblem) {
    super(...refusalOf(problem));
  }
}

const fieldNames = { telegramId: "telegram_id", email: "email", phone: "phone" } as const;

/** The key as the API's `where` writes it (`email`, `attribute:plan`). */
const keyName = (key: UpsertKey) =>
  typeof key === "string" ? fieldNames[key] : `attribute:${key.attribute}`;

/** The key as a field of the input, for a refusal's field at fault. */
const keyField = (key: UpsertKey) => (typeof key === "string" ? key : `attributes.${key.attribute}`);

/** How an upsert's problem reads: its kind, code, words and the field at fault. */
function refusalOf(
  problem: UpsertProblem,
): [RefusalKind, (typeof UpsertError.codes)[number], string, RefusedField[]?] {
  switch (problem.kind) {
    case "missing_key": {
      const message = `required when where=${keyName(problem.field)}`;
      return ["invalid", "invalid_request", message, [{ field: keyField(problem.field), message }]];
    }
    case "invalid_telegram_id": {
      const message = "not a Telegram user id";
      return ["invalid", "invalid_request", message, [{ field: "telegramId", message }]];
    }
    case "ambiguous":
      return [
        "conflict",
        "ambiguous",
        `More than one user has this ${keyName(problem.field)}: ${problem.userIds.join(", ")}; change or delete one first`,
      ];
    case "conflict":
      return [
        "conflict",
        "conflict",
        `The ${keyName(problem.field)} belongs to another Telegram user (${problem.userId})`,
      ];
  }
}

/**
 * Finds a user by `where` and updates them, or creates them when there is none, in one transaction.
 * Sent profile fields replace the stored ones (null clears), tags are added, attributes set; a
 * contact without a Telegram id gets a surrogate negative id, and a new user is pending. When
 * `telegramId` is given (whatever `where` is), an imported contact that the phone or the email
 * finds is the same person: it is merged into that Telegram user (created pending if unknown) and
 * the contact's record deleted (see merge.ts), as the CSV import does. Two users with a value are
 * ambiguous; a phone or email of another Telegram user is a conflict. Only trusted values find a
 * user (see contact-sources.ts): one a user typed never makes the upsert land on them. The sent
 * phone and email are the owner's data, and so trusted from now on. By an attribute, the user
 * whose attribute holds the value sent in `attributes` is found the same way (exact match).
 */
export function upsertUser(deps: UserEditDeps, actor: Actor, input: UpsertRequest): UpsertResult {
  const { where } = input;
  const now = deps.now();
  const telegramId = input.telegramId ?? null;
  if (telegramId !== null && !(Number.isSafeInteger(telegramId) && telegramId > 0))
    throw new UpsertError({ kind: "invalid_telegram_id" });
  const { db } = deps;
  const audit = new AuditLog(db, () => now);
  const contacts = new ContactRepository(db);
  const checked = checkPatch({
    firstName: input.firstName,
    lastName: input.lastName,
    email: input.email,
    phone: input.phone,
    timezone: input.timezone,
    gender: input.gender,
    tags: { add: input.tags ?? [] },
    attributes: { set: input.attributes ?? {} },
  });
  const key = keyValue(where, telegramId, checked);
  if (key === null) throw new UpsertError({ kind: "missing_key", field: where });
  const holders = (limit: number): number[] => {
    if (typeof where === "object") return contacts.attributeHolders(where.attribute, key, limit);
    return where === "telegramId" ? [] : contacts.keyHolders(where, key, limit);
  };

  const create = (id: number) => {
    contacts.create({
      id,
      status: "pending",
      firstSeenAt: now,
      lastSeenAt: now,
      importedAt: now,
      referralCode: randomCode(),
    });
    audit.record({ actor, action: "users.create", after: { userId: id } });
  };
  const update = (id: number, outcome?: UpsertOutcome): UpsertResult => {
    const changes = applyPatch(deps, id, checked, now);
    // A new user's fields are part of users.create.
    if (outcome !== "created") auditChanges(db, actor, id, changes, now);
    return { userId: id, outcome: outcome ?? (changes.length > 0 ? "updated" : "unchanged") };
  };

  // One connection: the repository's statements and the merge run inside this transaction.
  return db.transaction(() => {
    if (where === "telegramId" || telegramId !== null) {
      const id = telegramId as number;
      const known = deps.users.find(id) !== undefined;
      // The phone and the email sent may each find an imported contact: the same person, merged in.
      const imported = new Set<number>();
      for (const field of ["phone", "email"] as const) {
        const value = checked.profile[field];
        if (value === undefined || value === null) continue;
        const other = otherUserWith(contacts, field, value, id);
        if (other !== undefined && other > 0)
          throw new UpsertError({ kind: "conflict", field, userId: other });
        if (other !== undefined) imported.add(other);
      }
      if (typeof where !== "string") {
        const others = holders(3).filter((holder) => holder !== id);
        if (others.length > 1) throw new UpsertError({ kind: "ambiguous", field: where, userIds: others });
        const other = others[0];
        if (other !== undefined && other > 0)
          throw new UpsertError({ kind: "conflict", field: where, userId: other });
        if (other !== undefined) imported.add(other);
      }
      if (!known) create(id);
      if (imported.size === 0) return update(id, known ? undefined : "created");
      for (const contact of imported) mergeImportedContact(deps, { fromId: contact, intoId: id });
      audit.record({ actor, action: "users.merge", after: { userId: id } });
      return update(id, "merged");
    }
    // Three at most: enough to tell ambiguity.
    const found = holders(3);
    if (found.length > 1) throw new UpsertError({ kind: "ambiguous", field: where, userIds: found });
    if (found[0] !== undefined) return update(found[0]);
    const id = contacts.nextSurrogateId();
    create(id);
    return update(id, "created");
  });
}

/** The value the input gives for the key the upsert finds by, or null when it gives none. */
function keyValue(where: UpsertKey, telegramId: number | null, checked: CheckedPatch): string | null {
  if (where === "telegramId") return telegramId === null ? null : String(telegramId);
  if (typeof where === "string") return checked.profile[where] ?? null;
  return checked.setAttributes.find((a) => a.key === where.attribute)?.value ?? null;
}

/** The one user other than `ownId` with the value; ambiguous when there are two. */
function otherUserWith(
  contacts: ContactRepository,
  field: ContactField,
  value: string,
  ownId: number,
): number | undefined {
  const others = contacts.keyHolders(field, value, 3).filter((id) => id !== ownId);
  if (others.length > 1) throw new UpsertError({ kind: "ambiguous", field, userIds: others });
  return others[0];
}
