import { asc, eq, or, type SQL, sql } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Db } from "../../db/client.js";
import { type UserRecord, users } from "../../db/schema/index.js";
import { normalizePhone } from "./profile-fields.js";

/** Most matches a search shows. */
export const searchLimit = 10;

/** `value` contains `text` (ASCII case ignored), with LIKE's wildcards in the text taken literally. */
function contains(value: SQL | AnySQLiteColumn, text: string): SQL {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`${value} LIKE ${pattern} ESCAPE '\\'`;
}

/**
 * Users matching what an admin typed: a Telegram id (or surrogate id), an @username, an email,
 * a phone, or part of a name. Up to `limit`, in id order.
 */
export function searchUsers(db: Db, query: string, limit = searchLimit): UserRecord[] {
  const q = query.trim();
  const conditions: SQL[] = [];
  if (/^-?\d{1,16}$/.test(q)) conditions.push(eq(users.id, Number(q)));
  if (q.startsWith("@") && q.length > 1) {
    conditions.push(sql`lower(${users.username}) = ${q.slice(1).toLowerCase()}`);
  } else if (q.includes("@")) {
    conditions.push(sql`lower(${users.email}) = ${q.toLowerCase()}`);
  } else {
    const phone = /^\+?[\d\s().-]{7,}$/.test(q) ? normalizePhone(q) : null;
    if (phone !== null) conditions.push(eq(users.phone, phone));
    if (!/^[+\d\s().-]+$/.test(q)) {
      conditions.push(
        contains(users.firstName, q),
        contains(users.lastName, q),
        contains(sql`${users.firstName} || ' ' || ${users.lastName}`, q),
        sql`lower(${users.username}) = ${q.toLowerCase()}`,
      );
    }
  }
  if (conditions.length === 0) return [];
  return db
    .select()
    .from(users)
    .where(or(...conditions))
    .orderBy(asc(users.id))
    .limit(limit)
    .all();
}
