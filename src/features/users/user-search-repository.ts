import { asc, eq, or, type SQL, sql } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Db } from "../../db/client.js";
import { type UserRecord, users } from "../../db/schema/index.js";

/** What an admin's search names; a user matches when any one of the given parts does. */
export interface UserSearch {
  /** A Telegram id, or an imported contact's surrogate id. */
  id?: number;
  /** Lower-case, without the @; compared ignoring case. */
  username?: string;
  /** Lower-case; compared ignoring case. */
  email?: string;
  /** Normalised as stored (`+digits`). */
  phone?: string;
  /** Contained in the first name, the last name or both together (ASCII case ignored). */
  namePart?: string;
}

/** `value` contains `text` (ASCII case ignored), with LIKE's wildcards in the text taken literally. */
function contains(value: SQL | AnySQLiteColumn, text: string): SQL {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`${value} LIKE ${pattern} ESCAPE '\\'`;
}

/** The users table as the admin's search reads it; a search is rare, so its query is built per call. */
export class UserSearchRepository {
  constructor(private readonly db: Db) {}

  /** Users matching any part of the search, up to `limit`, in id order; none for an empty search. */
  matching(search: UserSearch, limit: number): UserRecord[] {
    const conditions: SQL[] = [];
    if (search.id !== undefined) conditions.push(eq(users.id, search.id));
    if (search.username !== undefined) conditions.push(sql`lower(${users.username}) = ${search.username}`);
    if (search.email !== undefined) conditions.push(sql`lower(${users.email}) = ${search.email}`);
    if (search.phone !== undefined) conditions.push(eq(users.phone, search.phone));
    if (search.namePart !== undefined) {
      conditions.push(
        contains(users.firstName, search.namePart),
        contains(users.lastName, search.namePart),
        contains(sql`${users.firstName} || ' ' || ${users.lastName}`, search.namePart),
      );
    }
    if (conditions.length === 0) return [];
    return this.db
      .select()
      .from(users)
      .where(or(...conditions))
      .orderBy(asc(users.id))
      .limit(limit)
      .all();
  }
}
