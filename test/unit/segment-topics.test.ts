import { describe, expect, it } from "vitest";
import { parseSegment, printSegment, segmentErrorText } from "../../src/features/segments/segment.js";

const known = new Set(["news", "deals", "élan"]);
const topicExists = (name: string) => known.has(name);

describe("segment topic:<name>", () => {
  it("when a topic is named, then it becomes a topic condition with the name in lower case", () => {
    expect(parseSegment("topic:News")).toEqual({ ok: true, tree: { kind: "topic", name: "news" } });
    expect(parseSegment("TOPIC:Élan", { topicExists })).toEqual({
      ok: true,
      tree: { kind: "topic", name: "élan" },
    });
  });

  it("when it is combined, then it ANDs and negates like any condition and prints back", () => {
    const parsed = parseSegment("topic:news -topic:deals lang:en", { topicExists });
    expect(parsed).toEqual({
      ok: true,
      tree: {
        kind: "and",
        items: [
          { kind: "topic", name: "news" },
          { kind: "not", item: { kind: "topic", name: "deals" } },
          { kind: "language", code: "en" },
        ],
      },
    });
    if (parsed.ok) expect(printSegment(parsed.tree)).toBe("topic:news -topic:deals lang:en");
  });

  it("when the topic is unknown and the caller knows the topics, then the error names the token", () => {
    const parsed = parseSegment("lang:en topic:Sports", { topicExists });
    expect(parsed).toMatchObject({ ok: false, problem: "unknown_topic", token: "Sports", offset: 14 });
    if (!parsed.ok) expect(segmentErrorText(parsed)).toBe("“Sports” at 14: no topic has this name.");
  });

  it("when the name is not a topic name, then it is refused as bad_topic", () => {
    for (const text of ["topic:a.b", `topic:${"x".repeat(33)}`, 'topic:"two words"']) {
      expect(parseSegment(text), text).toMatchObject({ ok: false, problem: "bad_topic" });
    }
    expect(parseSegment("topic>news")).toMatchObject({ ok: false, problem: "bad_operator" });
  });
});
