import type { MiddlewareFn } from "grammy";
import { groupCommitOf } from "../db/group-commit.js";
import type { UsherContext } from "./context.js";

/**
 * Runs the synchronous stretch that starts here (up to the first `await` that gives the thread back)
 * in the transaction the updates of this turn share (src/db/group-commit.ts): a newcomer's tracking,
 * /start payload and captcha, and those of the rest of the burst, become one commit. The Bot API
 * calls they make wait for that commit (outgoing-fetch), and the update is done only once it is in:
 * a failed commit fails the update. Keeps what each write did: a handler that fails does not undo
 * its earlier writes.
 */
export const inOneCommit: MiddlewareFn<UsherContext> = (ctx, next) => {
  const group = groupCommitOf(ctx.services.db.$client);
  group.join();
  const committed = group.settled();
  let handled: Promise<void>;
  try {
    handled = next();
  } catch (error) {
    handled = Promise.reject(error);
  }
  return committed === undefined ? handled : handled.then(() => committed);
};
