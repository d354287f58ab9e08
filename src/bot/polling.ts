import { type RunnerHandle, run } from "@grammyjs/runner";
import type { Bot } from "grammy";
import type { UsherContext } from "./context.js";
import { allowedUpdates } from "./index.js";

/**
 * Users handled at once. Each busy user holds one slot (their other updates wait in their lane), so
 * this is how many people can be served before fetching pauses: above a viral burst of several
 * hundred newcomers, and with at most 20 parked updates each, a bound of a few tens of MB of memory.
 */
export const pollingConcurrency = 1000;

/**
 * Long polling with the runner. No sink timeout: a slot is a whole lane, which times out its updates
 * one by one (update-lanes.ts); a sink timeout would free the slot of a lane that is still busy.
 */
export function startPolling(bot: Bot<UsherContext>, concurrency = pollingConcurrency): RunnerHandle {
  return run(bot, {
    runner: { fetch: { allowed_updates: allowedUpdates }, silent: true },
    sink: { concurrency },
  });
}
