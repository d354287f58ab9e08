import type { UserRecord } from "../../db/schema/index.js";
import type { UserRepository } from "../users/user-repository.js";
import { type DearUserDeps, dearUserOf } from "./dear-user.js";
import type { RecipientSnapshot } from "./recipient-fields.js";

/** One user's fields as plain data, with their attributes and the configured Dear User name. */
export function recipientSnapshot(
  services: { users: UserRepository } & DearUserDeps,
  user: UserRecord,
): RecipientSnapshot {
  const attributes = Object.fromEntries(services.users.attributesOf(user.id).map((a) => [a.key, a.value]));
  return {
    recipient: {
      id: user.id,
      firstName: user.firstName,
      lastName: user.lastName,
      username: user.username,
      email: user.email,
      phone: user.phone,
      languageCode: user.languageCode,
      timezone: user.timezone,
      gender: user.gender,
    },
    attributes,
    dearUser: dearUserOf(services, user),
  };
}
