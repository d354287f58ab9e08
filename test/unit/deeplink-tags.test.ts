import { describe, expect, it } from "vitest";
import { maxTagsPerDeeplink, parseTags } from "../../src/features/gate/deeplinks/deeplink-tags.js";

describe("deeplink tags", () => {
  it("when tags are separated by spaces or commas, then they are lower-cased and deduplicated in order", () => {
    expect(parseTags(" VIP, spring  news,vip\nwinter-2026 a_b ")).toEqual({
      ok: true,
      tags: ["vip", "spring", "news", "winter-2026", "a_b"],
    });
  });

  it("when a dash alone is sent, then there are no tags", () => {
    expect(parseTags(" - ")).toEqual({ ok: true, tags: [] });
  });

  it("when nothing but separators is sent, then it is refused as empty", () => {
    expect(parseTags(" , ,")).toEqual({ ok: false, problem: "empty" });
  });

  it("when a tag has other characters or over 32 of them, then that tag is named", () => {
    expect(parseTags("good bad!tag")).toEqual({ ok: false, problem: "invalid", tag: "bad!tag" });
    expect(parseTags("t".repeat(33))).toEqual({ ok: false, problem: "invalid", tag: "t".repeat(33) });
    expect(parseTags("ok тег")).toEqual({ ok: false, problem: "invalid", tag: "тег" });
    expect(parseTags("a -")).toEqual({ ok: true, tags: ["a", "-"] });
  });

  it("when there are more tags than allowed, then it is refused with the count", () => {
    const many = Array.from({ length: maxTagsPerDeeplink + 1 }, (_, i) => `t${i}`).join(" ");
    expect(parseTags(many)).toEqual({ ok: false, problem: "too_many", count: maxTagsPerDeeplink + 1 });
  });
});
