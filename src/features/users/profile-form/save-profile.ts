import type { Db } from "../../../db/client.js";
import type { UserRecord } from "../../../db/schema/index.js";
import type { UserRepository } from "../user-repository.js";
import type { PhoneAnswer } from "./answers.js";

/** What a user answered in /profile; absent answers (skipped) leave the stored value. */
export interface ProfileAnswers {
  firstName?: string | undefined;
  lastName?: string | undefined;
  email?: string | undefined;
  phone?: PhoneAnswer | undefined;
}

/**
 * Stores a user's own answers in one commit and returns them as stored; undefined when the user is
 * gone. A typed phone or email is kept but unverified: no import or upsert finds this user by it.
 */
export function saveProfile(
  deps: { db: Db; users: UserRepository },
  { userId, answers }: { userId: number; answers: ProfileAnswers },
): UserRecord | undefined {
  const { users } = deps;
  return deps.db.transaction(() => {
    const current = users.find(userId);
    if (!current) return undefined;
    users.setNames(userId, answers.firstName ?? current.firstName, answers.lastName ?? current.lastName);
    if (answers.email !== undefined) users.setEmail(userId, answers.email, "self_reported");
    if (answers.phone !== undefined) users.setPhone(userId, answers.phone.phone, answers.phone.source);
    return users.find(userId);
  });
}
