import { autoRetry } from "@grammyjs/auto-retry";
import type { Transformer } from "grammy";

/** Reads whose failure the caller answers at once: the join check asks the newcomer to try again. */
const answeredByCaller = new Set<string>(["getChatMember"]);

/**
 * Auto-retry for the bot's own calls after a 5xx or a network error (flood limits are the outgoing
 * budget's, src/telegram/outgoing). Membership reads are left to their caller, since auto-retry
 * backs off for ~20 s on a 5xx and retries a network error without end while a newcomer waits.
 */
export function interactiveRetry(): Transformer {
  const retry = autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 10 });
  return (prev, method, payload, signal) =>
    answeredByCaller.has(method) ? prev(method, payload, signal) : retry(prev, method, payload, signal);
}
