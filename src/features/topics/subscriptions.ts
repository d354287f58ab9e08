import type { Actor } from "../audit/audit-log.js";
import { UserActionError } from "../users/user-action-error.js";
import type { TopicServices } from "./topic-commands.js";
import { TopicNotFoundError } from "./topic-errors.js";
import type { TopicRecord, TopicSource } from "./topic-repository.js";

/** A user acting on their own subscriptions in the bot, as the audit log names them. */
export const userActor = (userId: number): Actor => ({ kind: "system", label: `user ${userId}` });

/** Which topic: by id (buttons) or by name, case aside (segments, the API, deeplinks). */
export type TopicRef = { id: number } | { name: string };

export interface SubscriptionChange {
  topic: TopicRecord;
  /** False when the user already was (subscribe) or was not (unsubscribe) subscribed. */
  changed: boolean;
}

function topicOf(services: TopicServices, ref: TopicRef): TopicRecord {
  const topic = "id" in ref ? services.topics.find(ref.id) : services.topics.findByName(ref.name);
  if (!topic) throw new TopicNotFoundError("id" in ref ? ref.id : ref.name);
  return topic;
}

/**
 * Subscribes a user to a topic, auditing `topics.subscribe` with the source when they were not
 * yet. Throws `TopicNotFoundError` or `UserActionError` (no such user).
 */
export function subscribeUser(
  services: TopicServices,
  actor: Actor,
  input: { userId: number; topic: TopicRef; source: TopicSource },
): SubscriptionChange {
  return services.db.transaction(() => {
    const topic = topicOf(services, input.topic);
    if (!services.topics.userExists(input.userId)) throw new UserActionError("unknown_user", input.userId);
    const changed = services.topics.subscribe(topic.id, input.userId, input.source, services.now());
    if (changed) {
      services.audit.record({
        actor,
        action: "topics.subscribe",
        after: { userId: input.userId, topicId: topic.id, topic: topic.name, source: input.source },
      });
    }
    return { topic, changed };
  });
}

/**
 * Unsubscribes a user from a topic, auditing `topics.unsubscribe` with the source (what they
 * pressed, or who removed them) when they were subscribed. Throws `TopicNotFoundError`.
 */
export function unsubscribeUser(
  services: TopicServices,
  actor: Actor,
  input: { userId: number; topic: TopicRef; source: TopicSource },
): SubscriptionChange {
  return services.db.transaction(() => {
    const topic = topicOf(services, input.topic);
    const changed = services.topics.unsubscribe(topic.id, input.userId);
    if (changed) {
      services.audit.record({
        actor,
        action: "topics.unsubscribe",
        before: { userId: input.userId, topicId: topic.id, topic: topic.name, source: input.source },
      });
    }
    return { topic, changed };
  });
}
