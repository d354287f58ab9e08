/**
 * How a Bot API method meets the budget:
 * - `message`: puts something in a chat (sendChatAction too: Telegram counts it, and Check Users
 *   probes are made of it); waits for its turn by priority, the global rate and its chat's.
 * - `write`: changes something already there (edits, pins, deletes, webhook and command setup);
 *   an edit answers a tap and replaces rather than adds, so it only waits out a 429 pause.
 * - `read`: answered by its caller at once, whatever Telegram says: the join check asks the
 *   newcomer to try again, a late answerCallbackQuery is worthless (Telegram refuses it after
 *   a few seconds), and getUpdates is the runner's. Their 429s hold no message back: reads
 *   have limits of their own (a busy getChatMember says nothing about sending).
 */
export type CallKind = "message" | "write" | "read";

const messages = /^(send\w+|copyMessages?|forwardMessages?)$/;
const reads = /^(get\w+|answerCallbackQuery|answerInlineQuery)$/;

/** The kind of a Bot API method, by name. */
export function callKindOf(method: string): CallKind {
  if (messages.test(method)) return "message";
  if (reads.test(method)) return "read";
  return "write";
}
