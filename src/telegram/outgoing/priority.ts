import type { Context, NextFunction, Transformer } from "grammy";

/** Who goes first when the budget is short: the person who just wrote, then alerts and relays, then broadcasts. */
export const priorities = ["reply", "alert", "broadcast"] as const;
export type Priority = (typeof priorities)[number];

/** Where a call comes from: enough to tell its priority once its chat is known. */
export interface CallScope {
  /** The chat of the update being handled: a call to it answers the person who wrote. */
  updateChatId?: number;
  /** Set by `atPriority`: wins over what the chat would say. */
  priority?: Priority;
}

/**
 * The scope rides on the payload under a symbol (JSON and multipart encoding skip symbol keys), and
 * sits in `current` while grammY's client runs synchronously from a transformer down to `fetch`.
 * Not AsyncLocalStorage: on Node 20 its promise hooks cost about a tenth of the gate's CPU.
 */
const scopeKey = Symbol("usher.callScope");
type Scoped = Record<typeof scopeKey, CallScope | undefined>;
let current: CallScope | undefined;

function enter<T>(scope: CallScope | undefined, call: () => T): T {
  const outer = current;
  current = scope;
  try {
    return call();
  } finally {
    current = outer;
  }
}

/**
 * The transformer for the Api of one update (installed last, so it runs first): its calls to
 * `updateChatId` are replies, to any other chat alerts, unless a call says its own priority.
 */
export function scopeCalls(updateChatId: number | undefined): Transformer {
  const scope: CallScope = updateChatId === undefined ? {} : { updateChatId };
  return (prev, method, payload, signal) => {
    const own = (payload as Partial<Scoped>)[scopeKey];
    const merged = own?.priority ? own : scope;
    return enter(merged, () => prev(method, { ...payload, [scopeKey]: merged }, signal));
  };
}

/**
 * Middleware that scopes the calls of the update it handles (conversations build an Api of their own
 * for each replay, so they install it as a plugin).
 */
export function scopeUpdateCalls(ctx: Context, next: NextFunction): Promise<void> {
  ctx.api.config.use(scopeCalls(ctx.chat?.id ?? ctx.from?.id));
  return next();
}

/**
 * Installed first on the bot's Api (so it runs last, next to `fetch`): a call that comes back after
 * an await (a retry after a network error) finds its scope again on its payload.
 */
export const restoreCallScope: Transformer = (prev, method, payload, signal) => {
  const own = (payload as Partial<Scoped>)[scopeKey];
  return own === undefined ? prev(method, payload, signal) : enter(own, () => prev(method, payload, signal));
};

/** Options to spread into a call's `other` argument so that it goes at `priority`. */
export function atPriority(priority: Priority): object {
  return { [scopeKey]: { priority } satisfies CallScope };
}

/** The scope of the call being made right now: read synchronously where the call reaches `fetch`. */
export function currentCallScope(): CallScope | undefined {
  return current;
}

/** The priority of a call to `chatId` from `scope`; outside any update or mark it is an alert. */
export function priorityOf(scope: CallScope | undefined, chatId: number | undefined): Priority {
  if (scope?.priority) return scope.priority;
  if (chatId !== undefined && scope?.updateChatId === chatId) return "reply";
  return "alert";
}
