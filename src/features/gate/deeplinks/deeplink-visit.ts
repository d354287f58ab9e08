import type { Db } from "../../../db/client.js";
import { inTransaction } from "../../../db/in-transaction.js";
import type { DeeplinkRecord } from "../../../db/schema/index.js";
import type { AuditLog } from "../../audit/audit-repository.js";
import { subscribeUser, userActor } from "../../topics/subscriptions.js";
import type { TopicRepository } from "../../topics/topic-repository.js";
import type { UserRepository } from "../../users/user-repository.js";
import type { DeeplinkRepository } from "./deeplink-repository.js";

/**
 * Counts a delivered deeplink, gives its tags to the user and subscribes them to its topics (those
 * still there; audited as the user's, source `deeplink`), in one commit.
 */
export function recordDeeplinkVisit(
  deps: {
    db: Db;
    deeplinks: DeeplinkRepository;
    users: UserRepository;
    topics: TopicRepository;
    audit: AuditLog;
    now: () => Date;
  },
  { deeplink, userId, at }: { deeplink: DeeplinkRecord; userId: number; at: Date },
): void {
  inTransaction(deps.db, () => {
    deps.deeplinks.recordHit(deeplink.code);
    deps.users.addTags(userId, deeplink.tags, at);
    for (const topicId of deeplink.topicIds) {
      if (!deps.topics.find(topicId)) continue;
      subscribeUser(deps, userActor(userId), { userId, topic: { id: topicId }, source: "deeplink" });
    }
  });
}
