import type { Db } from "../../db/client.js";
import type { Actor } from "../audit/audit-log.js";
import type { AuditLog } from "../audit/audit-repository.js";
import { TopicNameTakenError, TopicNotFoundError } from "./topic-errors.js";
import type { TopicRecord, TopicRepository, TopicWithCount } from "./topic-repository.js";
import { checkedTopicDescription, checkedTopicName } from "./topic-rules.js";

/** What the topic verbs work with (a subset of the bot's services). */
export interface TopicServices {
  db: Db;
  topics: TopicRepository;
  audit: AuditLog;
  now: () => Date;
}

/**
 * Creates a topic and audits `topics.create`. Throws `TopicInputError` or `TopicNameTakenError`,
 * storing nothing.
 */
export function createTopic(
  services: TopicServices,
  actor: Actor,
  input: { name: string; description?: string },
): TopicRecord {
  const name = checkedTopicName(input.name);
  const description = checkedTopicDescription(input.description ?? "");
  return services.db.transaction(() => {
    const created = services.topics.createUnlessTaken({ name, description }, services.now());
    if (!created) throw new TopicNameTakenError(name);
    services.audit.record({ actor, action: "topics.create", after: { id: created.id, name, description } });
    return created;
  });
}

/**
 * Renames or redescribes a topic, auditing `topics.edit` when something changed. Throws
 * `TopicInputError`, `TopicNameTakenError` or `TopicNotFoundError`.
 */
export function editTopic(
  services: TopicServices,
  actor: Actor,
  { id, changes }: { id: number; changes: { name?: string; description?: string } },
): TopicRecord {
  const checked = {
    ...(changes.name !== undefined && { name: checkedTopicName(changes.name) }),
    ...(changes.description !== undefined && { description: checkedTopicDescription(changes.description) }),
  };
  return services.db.transaction(() => {
    const before = services.topics.find(id);
    if (!before) throw new TopicNotFoundError(id);
    if (checked.name !== undefined) {
      const holder = services.topics.findByName(checked.name);
      if (holder && holder.id !== id) throw new TopicNameTakenError(checked.name);
    }
    const after = services.topics.update(id, checked) ?? before;
    if (after.name !== before.name || after.description !== before.description) {
      services.audit.record({
        actor,
        action: "topics.edit",
        before: { id, name: before.name, description: before.description },
        after: { id, name: after.name, description: after.description },
      });
    }
    return after;
  });
}

/** Deletes a topic with its subscriptions and audits `topics.delete`. Throws `TopicNotFoundError`. */
export function deleteTopic(services: TopicServices, actor: Actor, id: number): TopicWithCount {
  return services.db.transaction(() => {
    const deleted = services.topics.delete(id);
    if (!deleted) throw new TopicNotFoundError(id);
    services.audit.record({
      actor,
      action: "topics.delete",
      before: { id, name: deleted.name, description: deleted.description, subscribers: deleted.subscribers },
    });
    return deleted;
  });
}
