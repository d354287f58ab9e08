import type { Context } from "grammy";
import { describe, expect, it } from "vitest";
import { sequence } from "../../src/bot/sequence.js";

const ctx = {} as Context;

describe("sequence", () => {
  it("when every step passes on, then they run in order and the outer next runs last", async () => {
    const seen: string[] = [];
    const run = sequence<Context>(
      (_c, next) => {
        seen.push("a");
        return next();
      },
      async (_c, next) => {
        seen.push("b");
        await next();
        seen.push("b after");
      },
      {
        middleware: () => (_c, next) => {
          seen.push("c");
          return next();
        },
      },
    );
    await run(ctx, async () => {
      seen.push("outer");
    });
    expect(seen).toEqual(["a", "b", "c", "outer", "b after"]);
  });

  it("when a step does not call next, then the rest and the outer next do not run", async () => {
    const seen: string[] = [];
    const run = sequence<Context>(
      () => {
        seen.push("a");
      },
      () => {
        seen.push("b");
      },
    );
    await run(ctx, async () => {
      seen.push("outer");
    });
    expect(seen).toEqual(["a"]);
  });

  it("when a step throws before any await, then the sequence rejects instead of throwing", async () => {
    const run = sequence<Context>(
      (_c, next) => next(),
      () => {
        throw new Error("boom");
      },
    );
    const result = run(ctx, async () => undefined);
    expect(result).toBeInstanceOf(Promise);
    await expect(result).rejects.toThrow("boom");
  });

  it("when it holds no steps, then it is only the outer next", async () => {
    let reached = false;
    await sequence<Context>()(ctx, async () => {
      reached = true;
    });
    expect(reached).toBe(true);
  });
});
