import type { Context, Middleware, MiddlewareFn } from "grammy";

/**
 * Middleware run in order, as `new Composer(...middleware)` runs them, without the two async frames
 * grammY adds per layer. An update waiting for its turn to send (Telegram's pace spaces two messages
 * to one chat by a second) keeps every frame it passed alive; at 30–40 layers that was most of what
 * a burst's waiting updates held, and the garbage collector copied it again at every young collection.
 */
export function sequence<C extends Context>(...middleware: Middleware<C>[]): MiddlewareFn<C> {
  const steps = middleware.map((m) => (typeof m === "function" ? m : m.middleware()));
  return (ctx, next) => {
    const run = (index: number): Promise<void> => {
      const step = steps[index];
      if (step === undefined) return next();
      // A step that throws before its first await fails the update as a rejected promise, as in grammY.
      try {
        return Promise.resolve(step(ctx, () => run(index + 1))) as Promise<void>;
      } catch (error) {
        return Promise.reject(error);
      }
    };
    return run(0);
  };
}
