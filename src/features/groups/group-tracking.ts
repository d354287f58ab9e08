import type { Db } from "../../db/client.js";
import { inTransaction } from "../../db/in-transaction.js";
import type { UserRepository } from "../users/user-repository.js";
import type { GroupEvent } from "./group-events.js";
import { GroupRepository } from "./group-repository.js";

/** What tracking groups needs. */
export interface GroupTrackingDeps {
  db: Db;
  users: UserRepository;
}

/**
 * Records a group update in one commit: the bot's own joins and leaves, and the membership of the bot
 * users it names (people who never used the bot are not stored). Any update from a group tells the
 * bot is in it, so a group it was in before this was tracked is found too.
 */
export function trackGroupEvent(deps: GroupTrackingDeps, input: { event: GroupEvent; at: Date }): void {
  const { event, at } = input;
  inTransaction(deps.db, () => {
    const groups = new GroupRepository(deps.db);
    if (event.kind === "bot" && !event.inGroup) return groups.botLeft(event.chat.id, at);
    if (event.kind === "migrated") return groups.migrate(event.chat.id, event.to, at);
    groups.botIn(event.chat, at);
    if (event.kind === "bot") return;
    for (const { userId, isMember } of event.members) {
      if (deps.users.find(userId)) groups.seen(event.chat.id, userId, isMember, at);
    }
  });
}
