import type { Context, Middleware, MiddlewareFn } from "grammy";
import { sequence } from "./sequence.js";

/**
 * `composer.filter` for a synchronous predicate: grammY's filter awaits every predicate, which ends
 * the update's synchronous stretch (and with it a stretch's one commit, see update-commit.ts) on
 * every update that passes by, and costs a few promises each time.
 */
export function when<C extends Context>(
  predicate: (ctx: C) => boolean,
  ...middleware: Middleware<C>[]
): MiddlewareFn<C> {
  const inner = sequence(...middleware);
  return (ctx, next) => (predicate(ctx) ? inner(ctx, next) : next());
}
