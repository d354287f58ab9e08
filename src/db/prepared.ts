import { type AnyColumn, type SQL, sql } from "drizzle-orm";

/**
 * A named placeholder as a value in an update's `set`. drizzle binds and encodes it there like the
 * column's values (a Date becomes milliseconds), but its types accept only values and SQL (drizzle-orm#5084).
 */
export function setPlaceholder(name: string): SQL {
  return sql.placeholder(name) as unknown as SQL;
}

/** In an upsert's `do update set`: the value the insert proposed for this column. */
export function excluded(column: AnyColumn): SQL {
  return sql`excluded.${sql.identifier(column.name)}`;
}
