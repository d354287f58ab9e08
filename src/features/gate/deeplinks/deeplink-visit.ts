import type { Db } from "../../../db/client.js";
import { inTransaction } from "../../../db/in-transaction.js";
import type { DeeplinkRecord } from "../../../db/schema/index.js";
import type { UserRepository } from "../../users/user-repository.js";
import type { DeeplinkRepository } from "./deeplink-repository.js";

/** Counts a delivered deeplink and gives its tags to the user, in one commit. */
export function recordDeeplinkVisit(
  deps: { db: Db; deeplinks: DeeplinkRepository; users: UserRepository },
  { deeplink, userId, at }: { deeplink: DeeplinkRecord; userId: number; at: Date },
): void {
  inTransaction(deps.db, () => {
    deps.deeplinks.recordHit(deeplink.code);
    deps.users.addTags(userId, deeplink.tags, at);
  });
}
