import type { Db } from "../../db/client.js";
import { UsherError } from "../../errors.js";
import { texts } from "../../texts/admin-users.js";
import { reasonOf } from "../../texts/refusal-reasons.js";
import type { Actor } from "../audit/audit-log.js";
import { AuditLog } from "../audit/audit-repository.js";
import { tagPattern } from "../gate/deeplinks/deeplink-tags.js";
import { isTrusted } from "./contact-sources.js";
import {
  checkedAttribute,
  checkedAttributeKey,
  checkedChosenLanguage,
  checkedEmail,
  checkedGender,
  checkedName,
  checkedNote,
  checkedPhone,
  checkedTimezone,
  ProfileFieldError,
  type ProfileFieldProblem,
} from "./profile-fields.js";
import type { UserNote, UserRepository } from "./user-repository.js";

/** What a user edit needs: the connection, the repository over it and the clock. */
export interface UserEditDeps {
  db: Db;
  users: UserRepository;
  now: () => Date;
}

/** The profile fields an edit may set; null clears one, absent leaves it as it is. */
export interface ProfileChanges {
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  phone?: string | null;
  timezone?: string | null;
  gender?: string | null;
}

/** A change to one user: profile fields, tags, attributes, session and ban state, all or nothing. */
export interface UserPatch extends ProfileChanges {
  tags?: { add?: readonly string[]; remove?: readonly string[] };
  attributes?: { set?: Readonly<Record<string, string>>; unset?: readonly string[] };
  /** Keeps the user's session (and any open conversation) from expiring while on. */
  infiniteSession?: boolean;
  /** "banned" bans; "active" lifts a ban (back to active if they had registered, else pending). */
  status?: "active" | "banned";
  /** The language Usher speaks to the user (an IETF tag, its primary language kept); null: Telegram's. */
  language?: string | null;
}

/** A value an edit refused, with where it sits in the input (`["tags", "add", 0]`) and why. */
export class UserFieldError extends UsherError {
  static readonly codes = ["invalid_request"] as const;

  constructor(
    readonly path: ReadonlyArray<string | number>,
    readonly problem: ProfileFieldProblem,
  ) {
    const reason = reasonOf(() => texts.fieldErrors[problem]);
    super("invalid", "invalid_request" satisfies (typeof UserFieldError.codes)[number], reason, [
      { field: path.join("."), message: reason.english },
    ]);
  }
}

const profileChecks = {
  firstName: checkedName,
  lastName: checkedName,
  email: checkedEmail,
  phone: checkedPhone,
  timezone: checkedTimezone,
  gender: checkedGender,
} as const satisfies Record<keyof ProfileChanges, (value: string | null) => string | null>;
const profileFields = Object.keys(profileChecks) as Array<keyof ProfileChanges>;

/** A patch with every value checked and normalised as stored. */
export interface CheckedPatch {
  profile: ProfileChanges;
  addTags: string[];
  removeTags: string[];
  setAttributes: Array<{ key: string; value: string }>;
  unsetAttributes: string[];
  infiniteSession?: boolean;
  status?: "active" | "banned";
  language?: string | null;
}

/** Runs a check from profile-fields, naming the input path when it refuses. */
function at<T>(path: ReadonlyArray<string | number>, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof ProfileFieldError) throw new UserFieldError(path, error.code);
    throw error;
  }
}

function checkedTag(tag: string): string {
  const normalized = tag.trim().toLowerCase();
  if (!tagPattern.test(normalized)) throw new ProfileFieldError("invalid_tag", tag);
  return normalized;
}

/** Checks every value of a patch before anything is written; throws UserFieldError for the first bad one. */
export function checkPatch(patch: UserPatch): CheckedPatch {
  const profile: ProfileChanges = {};
  for (const field of profileFields) {
    const value = patch[field];
    if (value !== undefined) profile[field] = at([field], () => profileChecks[field](value));
  }
  return {
    profile,
    addTags: (patch.tags?.add ?? []).map((tag, i) => at(["tags", "add", i], () => checkedTag(tag))),
    removeTags: (patch.tags?.remove ?? []).map((tag, i) => at(["tags", "remove", i], () => checkedTag(tag))),
    setAttributes: Object.entries(patch.attributes?.set ?? {}).map(([key, value]) =>
      at(["attributes", "set", key], () => checkedAttribute(key, value)),
    ),
    unsetAttributes: (patch.attributes?.unset ?? []).map((key, i) =>
      at(["attributes", "unset", i], () => checkedAttributeKey(key)),
    ),
    ...(patch.infiniteSession !== undefined && { infiniteSession: patch.infiniteSession }),
    ...(patch.status !== undefined && { status: patch.status }),
    ...(patch.language !== undefined && {
      language: at(["chosen_language"], () => checkedChosenLanguage(patch.language ?? null)),
    }),
  };
}

/**
 * Applies a checked patch to an existing user inside the caller's transaction, as the owner's data.
 * Values equal to the stored ones are no change, except a phone or email the user typed, which the
 * owner thereby confirms. Returns the verbs of the changes made (`setEmail`, `addTag`, …).
 */
export function applyPatch(deps: UserEditDeps, userId: number, patch: CheckedPatch, now: Date): string[] {
  const { users } = deps;
  const user = users.find(userId);
  if (!user) throw new Error(`user ${userId} vanished during an edit`);
  const changes: string[] = [];
  const { profile } = patch;
  const firstName = profile.firstName === undefined ? user.firstName : profile.firstName;
  const lastName = profile.lastName === undefined ? user.lastName : profile.lastName;
  if (firstName !== user.firstName || lastName !== user.lastName) {
    users.setNames(userId, firstName, lastName, now);
    changes.push("setNames");
  }
  const setters = [
    ["email", "setEmail"],
    ["phone", "setPhone"],
    ["timezone", "setTimezone"],
    ["gender", "setGender"],
  ] as const;
  for (const [field, setter] of setters) {
    const value = profile[field];
    if (value === undefined) continue;
    // The same phone or email the user typed, sent by the owner, is confirmed: from now on a key.
    const confirms = (field === "email" || field === "phone") && value !== null && !isTrusted(user, field);
    if (value === user[field] && !confirms) continue;
    users[setter](userId, value);
    changes.push(setter);
  }
  for (const tag of patch.removeTags) if (users.removeTag(userId, tag)) changes.push("removeTag");
  for (const tag of patch.addTags) if (users.addTag(userId, tag, now)) changes.push("addTag");
  const stored = new Map(users.attributesOf(userId).map((a) => [a.key, a.value]));
  for (const key of patch.unsetAttributes)
    if (users.unsetAttribute(userId, key)) changes.push("unsetAttribute");
  for (const { key, value } of patch.setAttributes) {
    if (stored.get(key) === value && !patch.unsetAttributes.includes(key)) continue;
    users.setAttribute(userId, key, value, now);
    changes.push("setAttribute");
  }
  if (patch.infiniteSession !== undefined && patch.infiniteSession !== user.infiniteSession) {
    users.setInfiniteSession(userId, patch.infiniteSession);
    changes.push("infiniteSession");
  }
  if (patch.status === "banned" && user.status !== "banned" && users.ban(userId)) changes.push("ban");
  if (patch.status === "active" && user.status === "banned" && users.unban(userId)) changes.push("unban");
  if (
    patch.language !== undefined &&
    patch.language !== user.language &&
    users.setLanguage(userId, patch.language)
  )
    changes.push("language");
  return changes;
}

/**
 * Audits each change as the admin card does: `users.<verb>` with the user id and nothing personal,
 * plus what `extra` gives for a verb (`infiniteSession` → `{ on }`).
 */
export function auditChanges(
  db: Db,
  actor: Actor,
  userId: number,
  changes: readonly string[],
  now: Date,
  extra: Readonly<Record<string, Record<string, unknown>>> = {},
): void {
  const audit = new AuditLog(db, () => now);
  for (const verb of changes)
    audit.record({ actor, action: `users.${verb}`, after: { userId, ...extra[verb] } });
}

/**
 * Changes one user's profile fields, tags, attributes, session and ban state, all or nothing: every
 * value is checked first (UserFieldError names the bad one), then written in one transaction. Returns
 * the verbs of the changes made, or undefined when there is no such user.
 */
export function patchUser(
  deps: UserEditDeps,
  actor: Actor,
  { userId, patch }: { userId: number; patch: UserPatch },
): string[] | undefined {
  const checked = checkPatch(patch);
  const now = deps.now();
  // One connection: the repository's statements run inside this transaction.
  return deps.db.transaction(() => {
    if (!deps.users.find(userId)) return undefined;
    const changes = applyPatch(deps, userId, checked, now);
    const on = checked.infiniteSession;
    auditChanges(deps.db, actor, userId, changes, now, {
      ...(on !== undefined && { infiniteSession: { on } }),
      ...(checked.language !== undefined && { language: { language: checked.language } }),
    });
    return changes;
  });
}

/** Adds a note to a user and audits it as `users.addNote`; undefined when there is no such user. */
export function addUserNote(
  deps: UserEditDeps,
  actor: Actor,
  { userId, text }: { userId: number; text: string },
): UserNote | undefined {
  const checked = at(["text"], () => checkedNote(text));
  const now = deps.now();
  return deps.db.transaction(() => {
    const note = deps.users.addNote(userId, actor.kind === "admin" ? actor.id : null, checked, now);
    if (note) new AuditLog(deps.db, () => now).record({ actor, action: "users.addNote", after: { userId } });
    return note;
  });
}

/** Replaces a note's text and audits it as `users.editNote`; undefined when the note is not the user's. */
export function editUserNote(
  deps: UserEditDeps,
  actor: Actor,
  { userId, noteId, text }: { userId: number; noteId: number; text: string },
): UserNote | undefined {
  const checked = at(["text"], () => checkedNote(text));
  const now = deps.now();
  return deps.db.transaction(() => {
    const note = deps.users.editNote(userId, noteId, checked);
    if (note) new AuditLog(deps.db, () => now).record({ actor, action: "users.editNote", after: { userId } });
    return note;
  });
}

/** Deletes one of the user's notes and audits it as `users.deleteNote`; false when it is not theirs. */
export function deleteUserNote(
  deps: UserEditDeps,
  actor: Actor,
  { userId, noteId }: { userId: number; noteId: number },
): boolean {
  const now = deps.now();
  return deps.db.transaction(() => {
    const deleted = deps.users.deleteNote(userId, noteId);
    if (deleted)
      new AuditLog(deps.db, () => now).record({ actor, action: "users.deleteNote", after: { userId } });
    return deleted;
  });
}
