import type { Db } from "../../db/client.js";
import type { FormQuestionRecord, QuestionKind, UserRecord } from "../../db/schema/index.js";
import type { AuditLog } from "../audit/audit-repository.js";
import { subscribeUser, userActor } from "../topics/subscriptions.js";
import type { TopicRepository } from "../topics/topic-repository.js";
import { saveSharedPhone } from "../users/contact.js";
import type { UserRepository } from "../users/user-repository.js";

/** The profile fields a form can fill, each with the kinds of question that may fill it. */
export const profileFieldKinds = {
  first_name: ["text", "choice"],
  last_name: ["text", "choice"],
  gender: ["text", "choice"],
  email: ["email"],
  phone: ["phone"],
} as const satisfies Record<string, readonly QuestionKind[]>;
export type ProfileFieldTarget = keyof typeof profileFieldKinds;

export const isProfileFieldTarget = (target: string): target is ProfileFieldTarget =>
  Object.hasOwn(profileFieldKinds, target);

/** Whether a question of `kind` may write to the profile field `target` (any kind may fill an attribute). */
export function kindFitsField(kind: QuestionKind, target: ProfileFieldTarget): boolean {
  return (profileFieldKinds[target] as readonly QuestionKind[]).includes(kind);
}

type Target = Pick<FormQuestionRecord, "targetKind" | "target">;

/** What the target holds now for the user, or null. */
export function currentValue(
  users: Pick<UserRepository, "attributesOf">,
  user: UserRecord,
  { targetKind, target }: Target,
): string | null {
  if (targetKind === "attribute")
    return users.attributesOf(user.id).find((a) => a.key === target)?.value ?? null;
  if (targetKind === "topic") return null;
  const column = {
    first_name: user.firstName,
    last_name: user.lastName,
    gender: user.gender,
    email: user.email,
    phone: user.phone,
  } as Record<string, string | null>;
  return column[target] ?? null;
}

/**
 * Writes an answer to its target through the users' own rules (a refused value throws
 * ProfileFieldError). A typed email is the user's word (self-reported); a phone comes only from
 * their own shared contact, so it is stored as verified and merges imported contacts with it.
 */
export function writeAnswer(
  deps: { db: Db; users: UserRepository; topics: TopicRepository; audit: AuditLog; now: () => Date },
  { user, question, value, now }: { user: UserRecord; question: Target; value: string; now: Date },
): void {
  const { users } = deps;
  if (question.targetKind === "topic") {
    // A topic deleted since the question was made subscribes to nothing; the answer is kept.
    if (deps.topics.findByName(value) === undefined) return;
    subscribeUser(deps, userActor(user.id), { userId: user.id, topic: { name: value }, source: "form" });
    return;
  }
  if (question.targetKind === "attribute") {
    users.setAttribute(user.id, question.target, value, now);
    return;
  }
  switch (question.target as ProfileFieldTarget) {
    case "first_name":
      users.setNames(user.id, value, user.lastName, now);
      return;
    case "last_name":
      users.setNames(user.id, user.firstName, value, now);
      return;
    case "gender":
      users.setGender(user.id, value);
      return;
    case "email":
      users.setEmail(user.id, value, "self_reported");
      return;
    case "phone":
      saveSharedPhone(deps, { userId: user.id, phone: value });
      return;
  }
}
