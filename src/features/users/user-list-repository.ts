import { and, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { userAttributes, userTags } from "../../db/schema/index.js";

/** The tags of each of `userIds` (sorted; users without tags absent), in one query for a page of a list. */
export function tagsOfUsers(db: Db, userIds: readonly number[]): Map<number, string[]> {
  const byUser = new Map<number, string[]>();
  if (userIds.length === 0) return byUser;
  const rows = db
    .select({ userId: userTags.userId, tag: userTags.tag })
    .from(userTags)
    .where(inArray(userTags.userId, [...userIds]))
    .orderBy(userTags.userId, userTags.tag)
    .all();
  for (const { userId, tag } of rows) byUser.set(userId, [...(byUser.get(userId) ?? []), tag]);
  return byUser;
}

/** The attributes `keys` of each of `userIds`, key → value per user, in one query. */
export function attributesOfUsers(
  db: Db,
  userIds: readonly number[],
  keys: readonly string[],
): Map<number, Map<string, string>> {
  const byUser = new Map<number, Map<string, string>>();
  if (userIds.length === 0 || keys.length === 0) return byUser;
  const rows = db
    .select({ userId: userAttributes.userId, key: userAttributes.key, value: userAttributes.value })
    .from(userAttributes)
    .where(and(inArray(userAttributes.userId, [...userIds]), inArray(userAttributes.key, [...keys])))
    .all();
  for (const { userId, key, value } of rows) {
    const attributes = byUser.get(userId) ?? new Map<string, string>();
    attributes.set(key, value);
    byUser.set(userId, attributes);
  }
  return byUser;
}
