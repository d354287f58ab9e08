import { and, asc, eq, isNull, ne, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { excluded } from "../../db/prepared.js";
import { botGroups, groupMembers, groupTypes } from "../../db/schema/index.js";

export type GroupType = (typeof groupTypes)[number];

/** A group as an update names it. */
export interface GroupChat {
  id: number;
  title: string;
  type: GroupType;
}

/** True for the chat types this feature keeps: groups and supergroups. */
export const isGroupType = (type: string): type is GroupType =>
  (groupTypes as readonly string[]).includes(type);

/** The groups the bot is in and the bot users seen in them. */
export class GroupRepository {
  constructor(private readonly db: Db) {}

  /** Records that the bot is in the group (its title as now); writes nothing when that is known already. */
  botIn(chat: GroupChat, now: Date): void {
    this.db
      .insert(botGroups)
      .values({ chatId: chat.id, title: chat.title, type: chat.type, joinedAt: now })
      .onConflictDoUpdate({
        target: botGroups.chatId,
        set: { title: excluded(botGroups.title), type: excluded(botGroups.type), leftAt: null },
        // Most updates from a group change nothing: no write then.
        setWhere: or(
          ne(botGroups.title, excluded(botGroups.title)),
          ne(botGroups.type, excluded(botGroups.type)),
          sql`${botGroups.leftAt} IS NOT NULL`,
        ),
      })
      .run();
  }

  /** Records that the bot left or was removed from the group. */
  botLeft(chatId: number, now: Date): void {
    this.db
      .update(botGroups)
      .set({ leftAt: now })
      .where(and(eq(botGroups.chatId, chatId), isNull(botGroups.leftAt)))
      .run();
  }

  /** Moves a group's members to the supergroup it became, and marks the old group left. */
  migrate(fromChatId: number, to: GroupChat, now: Date): void {
    this.botIn(to, now);
    this.db
      .update(groupMembers)
      .set({ chatId: to.id })
      .where(
        and(
          eq(groupMembers.chatId, fromChatId),
          sql`${groupMembers.userId} NOT IN (SELECT ${groupMembers.userId} FROM ${groupMembers} WHERE ${groupMembers.chatId} = ${to.id})`,
        ),
      )
      .run();
    this.botLeft(fromChatId, now);
  }

  /** Records whether a bot user is a member of a group of the bot; no write when it says so already. */
  seen(chatId: number, userId: number, isMember: boolean, now: Date): void {
    this.db
      .insert(groupMembers)
      .values({ chatId, userId, isMember, seenAt: now })
      .onConflictDoUpdate({
        target: [groupMembers.chatId, groupMembers.userId],
        set: { isMember: excluded(groupMembers.isMember), seenAt: excluded(groupMembers.seenAt) },
        setWhere: ne(groupMembers.isMember, excluded(groupMembers.isMember)),
      })
      .run();
  }

  /** The groups the bot is in that the user is a member of, by title. */
  sharedWith(userId: number): Array<{ id: number; title: string }> {
    return this.db
      .select({ id: botGroups.chatId, title: botGroups.title })
      .from(groupMembers)
      .innerJoin(botGroups, eq(botGroups.chatId, groupMembers.chatId))
      .where(and(eq(groupMembers.userId, userId), eq(groupMembers.isMember, true), isNull(botGroups.leftAt)))
      .orderBy(asc(botGroups.title), asc(botGroups.chatId))
      .all();
  }

  /** Every group row of the user (a GDPR export), member or not any more. */
  membershipsOf(userId: number) {
    return this.db
      .select({
        chatId: groupMembers.chatId,
        title: botGroups.title,
        isMember: groupMembers.isMember,
        seenAt: groupMembers.seenAt,
      })
      .from(groupMembers)
      .innerJoin(botGroups, eq(botGroups.chatId, groupMembers.chatId))
      .where(eq(groupMembers.userId, userId))
      .orderBy(asc(groupMembers.chatId))
      .all();
  }
}
