import { and, asc, count, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { type TopicRecord, type TopicSource, topics, users, userTopics } from "../../db/schema/index.js";

/** The stored records this feature hands to menus and routes. */
export type { TopicRecord, TopicSource } from "../../db/schema/index.js";

/** A topic with how many users are subscribed to it. */
export type TopicWithCount = TopicRecord & { subscribers: number };

/** A user's subscription: the topic, since when and through what. */
export interface Subscription {
  topic: TopicRecord;
  source: TopicSource;
  since: Date;
}

/** The lookups on every /topics press and every mailing button, compiled once per repository. */
function prepareStatements(db: Db) {
  const topicId = sql.placeholder("topicId");
  const userId = sql.placeholder("userId");
  return {
    byId: db.select().from(topics).where(eq(topics.id, topicId)).prepare(),
    byKey: db
      .select()
      .from(topics)
      .where(eq(topics.nameKey, sql.placeholder("nameKey")))
      .prepare(),
    all: db.select().from(topics).orderBy(asc(topics.nameKey)).prepare(),
    topicIdsOf: db
      .select({ topicId: userTopics.topicId })
      .from(userTopics)
      .where(eq(userTopics.userId, userId))
      .prepare(),
    subscribe: db
      .insert(userTopics)
      .values({
        topicId,
        userId,
        source: sql.placeholder("source"),
        createdAt: sql.placeholder("createdAt"),
      })
      .onConflictDoNothing()
      .prepare(),
    unsubscribe: db
      .delete(userTopics)
      .where(and(eq(userTopics.topicId, topicId), eq(userTopics.userId, userId)))
      .prepare(),
  };
}

/** Topics and who is subscribed to them. */
export class TopicRepository {
  private readonly statements: ReturnType<typeof prepareStatements>;

  constructor(private readonly db: Db) {
    this.statements = prepareStatements(db);
  }

  find(id: number): TopicRecord | undefined {
    return this.statements.byId.get({ topicId: id });
  }

  /** The topic with this name, case aside. */
  findByName(name: string): TopicRecord | undefined {
    return this.statements.byKey.get({ nameKey: name.toLowerCase() });
  }

  /** Every topic, by name. */
  list(): TopicRecord[] {
    return this.statements.all.all();
  }

  /** Every topic with its subscriber count, by name. */
  listWithCounts(): TopicWithCount[] {
    const rows = this.db
      .select({ topicId: userTopics.topicId, n: count() })
      .from(userTopics)
      .groupBy(userTopics.topicId)
      .all();
    const counts = new Map(rows.map((row) => [row.topicId, row.n]));
    return this.list().map((topic) => ({ ...topic, subscribers: counts.get(topic.id) ?? 0 }));
  }

  /** Creates the topic unless its name is taken, case aside (then undefined, nothing changed). */
  createUnlessTaken(input: { name: string; description: string }, now: Date): TopicRecord | undefined {
    return this.db
      .insert(topics)
      .values({ ...input, nameKey: input.name.toLowerCase(), createdAt: now })
      .onConflictDoNothing({ target: topics.nameKey })
      .returning()
      .get();
  }

  /** Changes a topic's name or description; the caller has checked the new name is free. */
  update(id: number, changes: { name?: string; description?: string }): TopicRecord | undefined {
    return this.db
      .update(topics)
      .set({
        ...changes,
        ...(changes.name !== undefined && { nameKey: changes.name.toLowerCase() }),
      })
      .where(eq(topics.id, id))
      .returning()
      .get();
  }

  /** Deletes a topic and its subscriptions; returns it with how many users it had, or undefined. */
  delete(id: number): TopicWithCount | undefined {
    const subscribers = this.subscriberCount(id);
    const deleted = this.db.delete(topics).where(eq(topics.id, id)).returning().get();
    return deleted && { ...deleted, subscribers };
  }

  subscriberCount(topicId: number): number {
    return (
      this.db.select({ n: count() }).from(userTopics).where(eq(userTopics.topicId, topicId)).get()?.n ?? 0
    );
  }

  /** The ids of the topics a user is subscribed to. */
  topicIdsOf(userId: number): Set<number> {
    return new Set(this.statements.topicIdsOf.all({ userId }).map((row) => row.topicId));
  }

  /** A user's subscriptions, by topic name. */
  subscriptionsOf(userId: number): Subscription[] {
    return this.db
      .select({ topic: topics, source: userTopics.source, since: userTopics.createdAt })
      .from(userTopics)
      .innerJoin(topics, eq(topics.id, userTopics.topicId))
      .where(eq(userTopics.userId, userId))
      .orderBy(asc(topics.nameKey))
      .all();
  }

  /** Subscribes the user; false when they already were (the first source is kept). */
  subscribe(topicId: number, userId: number, source: TopicSource, now: Date): boolean {
    return this.statements.subscribe.run({ topicId, userId, source, createdAt: now }).changes > 0;
  }

  /** Unsubscribes the user; false when they were not subscribed. */
  unsubscribe(topicId: number, userId: number): boolean {
    return this.statements.unsubscribe.run({ topicId, userId }).changes > 0;
  }

  /** Whether the user exists (subscriptions need a user row). */
  userExists(userId: number): boolean {
    return this.db.select({ id: users.id }).from(users).where(eq(users.id, userId)).get() !== undefined;
  }
}
