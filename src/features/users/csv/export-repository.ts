import { type AnyColumn, and, asc, eq, gt, inArray, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../../db/client.js";
import {
  campaigns,
  type UserRecord,
  userAttributes,
  userNotes,
  users,
  userTags,
} from "../../../db/schema/index.js";

/** Which users an export reads: a condition on the users table (a compiled segment). */
export type UserCondition = SQL;

/** One page of exported users, each with their campaign's code. */
export type ExportPage = Array<{ user: UserRecord; campaign: string | null }>;

/** The users of one export and their tags, attributes and notes, read in pages of ids. */
export class ExportRepository {
  // Compiled once per export and run per page.
  private readonly statements: ReturnType<typeof prepareStatements>;

  constructor(
    private readonly db: Db,
    private readonly where: UserCondition | undefined,
  ) {
    this.statements = prepareStatements(db, where);
  }

  /** The attribute keys of the selected users, sorted. */
  attributeKeys(): string[] {
    const { db, where } = this;
    const selected = db.select({ id: users.id }).from(users).where(where);
    return db
      .selectDistinct({ key: userAttributes.key })
      .from(userAttributes)
      .where(where ? inArray(userAttributes.userId, selected) : undefined)
      .orderBy(asc(userAttributes.key))
      .all()
      .map((r) => r.key);
  }

  /** Up to `limit` selected users with an id above `after`, by id. */
  page(after: number, limit: number): ExportPage {
    return this.statements.page.all({ after, limit });
  }

  /** The tags of these users, by user and tag. */
  tags(userIds: readonly number[]): Array<{ userId: number; tag: string }> {
    return this.statements.tags.all(batch(userIds));
  }

  /** The attributes of these users. */
  attributes(userIds: readonly number[]): Array<{ userId: number; key: string; value: string }> {
    return this.statements.attributes.all(batch(userIds));
  }

  /** The notes of these users, by user, oldest first. */
  notes(userIds: readonly number[]): Array<{ userId: number; text: string }> {
    return this.statements.notes.all(batch(userIds));
  }
}

// One JSON parameter for a page's ids: the statement stays the same whatever the page.
const batch = (userIds: readonly number[]) => ({ ids: JSON.stringify(userIds) });

function prepareStatements(db: Db, where: UserCondition | undefined) {
  const inBatch = (column: AnyColumn) =>
    sql`${column} IN (SELECT CAST(value AS INTEGER) FROM json_each(${sql.placeholder("ids")}))`;
  return {
    page: db
      .select({ user: users, campaign: campaigns.code })
      .from(users)
      .leftJoin(campaigns, eq(campaigns.id, users.campaignId))
      .where(and(where, gt(users.id, sql.placeholder("after"))))
      .orderBy(asc(users.id))
      .limit(sql.placeholder("limit"))
      .prepare(),
    tags: db
      .select({ userId: userTags.userId, tag: userTags.tag })
      .from(userTags)
      .where(inBatch(userTags.userId))
      .orderBy(asc(userTags.userId), asc(userTags.tag))
      .prepare(),
    attributes: db
      .select({ userId: userAttributes.userId, key: userAttributes.key, value: userAttributes.value })
      .from(userAttributes)
      .where(inBatch(userAttributes.userId))
      .prepare(),
    notes: db
      .select({ userId: userNotes.userId, text: userNotes.text })
      .from(userNotes)
      .where(inBatch(userNotes.userId))
      .orderBy(asc(userNotes.userId), asc(userNotes.id))
      .prepare(),
  };
}
