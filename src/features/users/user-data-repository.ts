import { asc, eq, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import {
  admins,
  auditLog,
  campaigns,
  captchaChallenges,
  conversationStates,
  deliveries,
  linkClicks,
  pollAnswers,
  relayedMessages,
  sequencePollAnswers,
  sequenceSubscriptions,
  sequences,
  type UserRecord,
  userAttributes,
  userNotes,
  users,
  userTags,
} from "../../db/schema/index.js";

/** Another user as someone's data names them: id and names. */
export type PersonRow = Pick<UserRecord, "id" | "firstName" | "lastName">;

/** An audit entry's stored values, as the delete rewrites them. */
export interface AuditValues {
  id: number;
  before: unknown;
  after: unknown;
}

const person = { id: users.id, firstName: users.firstName, lastName: users.lastName };

/** Conversation states are kept per chat as `<prefix>:<chat id>`, and a user's private chat has the user's id. */
function privateChatStates(userId: number): SQL {
  return sql`${conversationStates.key} LIKE ${`%:${userId}`}`;
}

/** Audit entries whose before or after names the user, at any depth. */
function mentions(userId: number): SQL {
  const names = (column: typeof auditLog.before | typeof auditLog.after) =>
    sql`EXISTS (SELECT 1 FROM json_tree(${column}) t WHERE t.type = 'integer' AND t.value = ${userId}
      AND (t.key IN ('userId', 'chatId') OR t.path GLOB '*.userIds'))`;
  return sql`(${names(auditLog.before)} OR ${names(auditLog.after)})`;
}

/**
 * Everything stored about one user, across tables, for the GDPR export and delete. Rare, so built
 * per call; the caller holds the transaction.
 */
export class UserDataRepository {
  constructor(private readonly db: Db) {}

  user(userId: number): UserRecord | undefined {
    return this.db.select().from(users).where(eq(users.id, userId)).get();
  }

  person(userId: number): PersonRow | undefined {
    return this.db.select(person).from(users).where(eq(users.id, userId)).get();
  }

  /** The users who joined through this user's referral link, by id. */
  referrals(userId: number): PersonRow[] {
    return this.db
      .select(person)
      .from(users)
      .where(eq(users.referrerId, userId))
      .orderBy(asc(users.id))
      .all();
  }

  campaign(campaignId: number): { id: number; code: string; name: string } | undefined {
    return this.db
      .select({ id: campaigns.id, code: campaigns.code, name: campaigns.name })
      .from(campaigns)
      .where(eq(campaigns.id, campaignId))
      .get();
  }

  captcha(userId: number) {
    return this.db.select().from(captchaChallenges).where(eq(captchaChallenges.userId, userId)).get();
  }

  tags(userId: number) {
    return this.db
      .select()
      .from(userTags)
      .where(eq(userTags.userId, userId))
      .orderBy(asc(userTags.tag))
      .all();
  }

  attributes(userId: number) {
    return this.db
      .select()
      .from(userAttributes)
      .where(eq(userAttributes.userId, userId))
      .orderBy(asc(userAttributes.key))
      .all();
  }

  notes(userId: number) {
    return this.db
      .select()
      .from(userNotes)
      .where(eq(userNotes.userId, userId))
      .orderBy(asc(userNotes.id))
      .all();
  }

  deliveries(userId: number) {
    return this.db
      .select()
      .from(deliveries)
      .where(eq(deliveries.userId, userId))
      .orderBy(asc(deliveries.mailingId))
      .all();
  }

  /** The user's sequence subscriptions with their sequence's name. */
  sequenceSubscriptions(userId: number) {
    return this.db
      .select({ subscription: sequenceSubscriptions, sequenceName: sequences.name })
      .from(sequenceSubscriptions)
      .innerJoin(sequences, eq(sequences.id, sequenceSubscriptions.sequenceId))
      .where(eq(sequenceSubscriptions.userId, userId))
      .orderBy(asc(sequenceSubscriptions.sequenceId))
      .all();
  }

  pollAnswers(userId: number) {
    return this.db
      .select()
      .from(pollAnswers)
      .where(eq(pollAnswers.userId, userId))
      .orderBy(asc(pollAnswers.mailingId), asc(pollAnswers.option))
      .all();
  }

  sequencePollAnswers(userId: number) {
    return this.db
      .select()
      .from(sequencePollAnswers)
      .where(eq(sequencePollAnswers.userId, userId))
      .orderBy(asc(sequencePollAnswers.stepId), asc(sequencePollAnswers.option))
      .all();
  }

  relayedMessages(userId: number) {
    return this.db
      .select()
      .from(relayedMessages)
      .where(eq(relayedMessages.userId, userId))
      .orderBy(asc(relayedMessages.createdAt))
      .all();
  }

  linkClicks(userId: number) {
    return this.db
      .select()
      .from(linkClicks)
      .where(eq(linkClicks.userId, userId))
      .orderBy(asc(linkClicks.id))
      .all();
  }

  /** Stored states of conversations in the user's private chat, by key. */
  conversations(userId: number) {
    return this.db
      .select()
      .from(conversationStates)
      .where(privateChatStates(userId))
      .orderBy(asc(conversationStates.key))
      .all();
  }

  /** Audit entries the user made as an admin or that name them, oldest first. */
  auditEntries(userId: number) {
    return this.db
      .select()
      .from(auditLog)
      .where(or(eq(auditLog.actorId, userId), mentions(userId)))
      .orderBy(asc(auditLog.id))
      .all();
  }

  /** True when the user is an added admin (owners come from the config). */
  isStoredAdmin(userId: number): boolean {
    return (
      this.db.select({ id: admins.userId }).from(admins).where(eq(admins.userId, userId)).get() !== undefined
    );
  }

  /** The values of the audit entries that name the user, at any depth. */
  auditValuesMentioning(userId: number): AuditValues[] {
    return this.db
      .select({ id: auditLog.id, before: auditLog.before, after: auditLog.after })
      .from(auditLog)
      .where(mentions(userId))
      .orderBy(asc(auditLog.id))
      .all();
  }

  /** Replaces an audit entry's before and after. */
  rewriteAuditValues(entry: AuditValues): void {
    this.db
      .update(auditLog)
      .set({ before: entry.before, after: entry.after })
      .where(eq(auditLog.id, entry.id))
      .run();
  }

  /** Deletes the states of conversations in the user's private chat. */
  deleteConversations(userId: number): void {
    this.db.delete(conversationStates).where(privateChatStates(userId)).run();
  }

  /** Deletes the user's row; foreign keys cascade to their rows in every other table. */
  delete(userId: number): void {
    this.db.delete(users).where(eq(users.id, userId)).run();
  }
}
