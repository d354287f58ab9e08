import { describe, expect, it } from "vitest";
import { digestText } from "../../src/features/gate/alerts/digest-text.js";
import type { AlertSource } from "../../src/features/gate/alerts/new-user-alert-repository.js";

const names = {
  campaign: (id: number) => (id === 1 ? "Spring" : undefined),
  referrer: (id: number) => `Person${id}`,
};
const minuteStart = new Date("2026-06-01T12:34:00Z");

describe("digest text", () => {
  it("when sources are many, then the largest are named and the rest summed up; a deleted campaign says so", () => {
    const sources: Array<{ source: AlertSource; count: number }> = [
      { source: "direct", count: 15 },
      { source: "campaign:1", count: 97 },
      { source: "campaign:2", count: 3 },
      ...Array.from({ length: 8 }, (_, i) => ({
        source: `referrer:${i + 10}` as AlertSource,
        count: 4 - (i % 2),
      })),
    ];
    const text = digestText({ minuteStart, count: 143, alerted: 0, sources, final: true }, names);
    expect(text).toBe(
      [
        "🆕 143 new users in the minute from 12:34 UTC: 97 via campaign Spring, 15 direct, 4 referred by Person10 (id 10), 4 referred by Person12 (id 12), 4 referred by Person14 (id 14), 4 referred by Person16 (id 16), 3 via a deleted campaign, 3 referred by Person11 (id 11), 9 from 3 other sources",
        "✅ Final count.",
      ].join("\n"),
    );
  });

  it("when one newcomer is digested while the minute lasts, then it reads in the singular and says it is still counting", () => {
    const text = digestText(
      { minuteStart, count: 1, alerted: 10, sources: [{ source: "direct", count: 1 }], final: false },
      names,
    );
    expect(text.split("\n")).toEqual([
      "🆕 1 new user in the minute from 12:34 UTC: 1 direct",
      "Besides the 10 announced one by one above.",
      "⏳ Still counting: this message is updated until the minute ends.",
    ]);
  });
});
