import type { Db } from "../../db/client.js";
import { normalizePhone } from "./profile-fields.js";
import type { UserRecord } from "./user-repository.js";
import { type UserSearch, UserSearchRepository } from "./user-search-repository.js";

/** Most matches a search shows. */
export const searchLimit = 10;

/**
 * What a typed query names: a number is an id (and maybe a phone), `@name` a username, anything
 * else with an @ an email; other text a phone when it looks like one, and a name or username unless
 * it is only digits and punctuation.
 */
function searchOf(query: string): UserSearch {
  const search: UserSearch = {};
  if (/^-?\d{1,16}$/.test(query)) search.id = Number(query);
  if (query.startsWith("@") && query.length > 1) {
    search.username = query.slice(1).toLowerCase();
  } else if (query.includes("@")) {
    search.email = query.toLowerCase();
  } else {
    const phone = /^\+?[\d\s().-]{7,}$/.test(query) ? normalizePhone(query) : null;
    if (phone !== null) search.phone = phone;
    if (!/^[+\d\s().-]+$/.test(query)) {
      search.namePart = query;
      search.username = query.toLowerCase();
    }
  }
  return search;
}

/**
 * Users matching what an admin typed: a Telegram id (or surrogate id), an @username, an email,
 * a phone, or part of a name. Up to `limit`, in id order.
 */
export function searchUsers(db: Db, query: string, limit = searchLimit): UserRecord[] {
  return new UserSearchRepository(db).matching(searchOf(query.trim()), limit);
}
