import { and, between, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { userAttributes } from "../../db/schema/index.js";

/** Reads what templates need beyond the users row: attributes, for a whole batch of recipients at once. */
export class PersonalizationRepository {
  constructor(private readonly db: Db) {}

  /** The attributes named by `keys` of the users with ids from `fromId` to `toId`, by user id. */
  attributesBetween(keys: readonly string[], fromId: number, toId: number): Map<number, Map<string, string>> {
    const byUser = new Map<number, Map<string, string>>();
    if (keys.length === 0) return byUser;
    const rows = this.db
      .select({ userId: userAttributes.userId, key: userAttributes.key, value: userAttributes.value })
      .from(userAttributes)
      .where(and(between(userAttributes.userId, fromId, toId), inArray(userAttributes.key, [...keys])))
      .all();
    for (const row of rows) {
      const attributes = byUser.get(row.userId) ?? new Map<string, string>();
      attributes.set(row.key, row.value);
      byUser.set(row.userId, attributes);
    }
    return byUser;
  }
}
