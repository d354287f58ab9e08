import { describe, expect, it } from "vitest";
import { divideLimit, type InstanceDemand, minimumShare } from "../../src/features/budget/budget-shares.js";

const demand = (
  instance: string,
  wants: Partial<InstanceDemand["wants"]> = {},
  queued = 0,
): InstanceDemand => ({ instance, wants: { reply: 0, alert: 0, broadcast: 0, ...wants }, queued });

const total = (shares: Map<string, number>) => [...shares.values()].reduce((a, b) => a + b, 0);

describe("dividing the one limit among instances", () => {
  it("when an instance is alone, then it has the whole limit, whatever it asks", () => {
    expect(divideLimit(30, [demand("a")])).toEqual(new Map([["a", 30]]));
    expect(divideLimit(30, [demand("a", { broadcast: 500 }, 40)])).toEqual(new Map([["a", 30]]));
  });

  it("when one instance mails and the other is idle, then the busy one takes all but the idle one's floor", () => {
    const shares = divideLimit(30, [demand("busy", { broadcast: 31 }, 8), demand("idle")]);
    expect(shares.get("idle")).toBe(minimumShare);
    expect(shares.get("busy")).toBeCloseTo(30 - minimumShare);
  });

  it("when one instance mails and the other answers newcomers, then the replies get what they ask before the broadcast", () => {
    const shares = divideLimit(30, [
      demand("mailer", { reply: 2, broadcast: 40 }, 10),
      demand("replier", { reply: 5 }, 1),
    ]);
    expect(shares.get("replier")).toBeCloseTo(5);
    expect(shares.get("mailer")).toBeCloseTo(25);
  });

  it("when replies alone ask more than the limit, then they divide it in proportion and broadcasts get none", () => {
    const shares = divideLimit(30, [
      demand("a", { reply: 40, broadcast: 100 }, 50),
      demand("b", { reply: 20 }, 20),
    ]);
    expect(total(shares)).toBeCloseTo(30);
    expect(shares.get("a")).toBeCloseTo(20, 0);
    expect(shares.get("b")).toBeCloseTo(10, 0);
  });

  it("when nobody asks for anything, then every instance has an equal part, ready for a burst", () => {
    const shares = divideLimit(30, [demand("a"), demand("b"), demand("c")]);
    for (const share of shares.values()) expect(share).toBeCloseTo(10);
  });

  it("when some of the limit is unasked, then it goes to the instances with a queue, by what they ask", () => {
    const shares = divideLimit(30, [
      demand("a", { broadcast: 6 }, 3),
      demand("b", { broadcast: 2 }, 1),
      demand("c", { reply: 1 }),
    ]);
    // 6 + 21 × 3/4 and 2 + 21 × 1/4, in whole messages: the larger remainder gets the odd one.
    expect(shares).toEqual(
      new Map([
        ["a", 22],
        ["b", 7],
        ["c", 1],
      ]),
    );
  });

  it("when shares come out in fractions, then they are whole messages that sum to the limit", () => {
    const shares = divideLimit(30, [demand("a", { reply: 4.8 }, 2), demand("b", { broadcast: 90 }, 9)]);
    for (const share of shares.values()) expect(Number.isInteger(share)).toBe(true);
    expect(total(shares)).toBe(30);
  });

  it("when many instances share a small limit, then the floors take at most half of it and the shares never sum past it", () => {
    const many = Array.from({ length: 12 }, (_, i) => demand(`i${i}`, { broadcast: i * 3 }, i % 2));
    const shares = divideLimit(5, many);
    expect(total(shares)).toBeLessThanOrEqual(5 + 1e-9);
    for (const share of shares.values()) expect(share).toBeGreaterThanOrEqual(5 / 24 - 1e-9);
  });
});
