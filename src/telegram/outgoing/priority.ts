import { AsyncLocalStorage } from "node:async_hooks";

/** Who goes first when the budget is short: the person who just wrote, then alerts and relays, then broadcasts. */
export const priorities = ["reply", "alert", "broadcast"] as const;
export type Priority = (typeof priorities)[number];

interface Scope {
  /** The chat of the update being handled: a call to it answers the person who wrote. */
  updateChatId?: number;
  /** Set by `withPriority`: wins over what the chat would say. */
  priority?: Priority;
}

const scope = new AsyncLocalStorage<Scope>();

/** Runs `fn` (and every call it makes, however deep) at `priority`. */
export function withPriority<T>(priority: Priority, fn: () => T): T {
  return scope.run({ ...scope.getStore(), priority }, fn);
}

/** Runs the handling of one update: calls to `chatId` are replies, calls to other chats alerts. */
export function withUpdateChat<T>(chatId: number | undefined, fn: () => T): T {
  return scope.run(chatId === undefined ? {} : { updateChatId: chatId }, fn);
}

/** The priority of a call to `chatId` made here; outside any update or mark it is an alert. */
export function priorityOf(chatId: number | undefined): Priority {
  const current = scope.getStore();
  if (current?.priority) return current.priority;
  if (chatId !== undefined && current?.updateChatId === chatId) return "reply";
  return "alert";
}
