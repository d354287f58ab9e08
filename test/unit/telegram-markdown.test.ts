import { describe, expect, it } from "vitest";
import { markupProblem } from "../../src/features/content/markup-check.js";
import { findMarkdownV2Problem } from "../../src/features/content/telegram-markdown.js";

describe("findMarkdownV2Problem", () => {
  it("when every reserved character is escaped or is markup, then it passes", () => {
    for (const text of [
      "*bold* _italic_ __under__ ~strike~ ||spoiler|| Hello\\.",
      "[a link](https://example.com/a-b.c?x=1) and ![👍](tg://emoji?id=5368324170671202286)",
      "`code with . and - inside` and ```ts\nconst x = a.b - 1;\n```",
      ">quoted line\n**>expandable quote",
      "Price: 5\\+1 \\= 6 \\#tag \\{x\\} \\(note\\) \\[x\\] \\!",
    ]) {
      expect(findMarkdownV2Problem(text), text).toBeNull();
    }
  });

  it("when a reserved character is bare or a code span or link is left open, then the first one is named with its place", () => {
    expect(findMarkdownV2Problem("Hello.")).toEqual({ kind: "unescaped", char: ".", offset: 5 });
    expect(findMarkdownV2Problem("a (b)")).toEqual({ kind: "unescaped", char: "(", offset: 2 });
    expect(findMarkdownV2Problem("x > y")).toEqual({ kind: "unescaped", char: ">", offset: 2 });
    expect(findMarkdownV2Problem("see [docs]")).toEqual({ kind: "unescaped", char: "]", offset: 9 });
    expect(findMarkdownV2Problem("`open")).toEqual({ kind: "unclosed_code", offset: 0 });
    expect(findMarkdownV2Problem("[x](https://e.com")).toEqual({ kind: "unclosed_link", offset: 0 });
    expect(findMarkdownV2Problem("end\\")).toEqual({ kind: "trailing_backslash", offset: 3 });
  });
});

describe("markupProblem", () => {
  it("when templates hold reserved characters, then they are filled and escaped first, as at sending", () => {
    expect(markupProblem({ type: "text", text: "Hi {first_name}\\!", parseMode: "MarkdownV2" })).toBeNull();
    expect(markupProblem({ type: "text", text: "Hi {first_name}!", parseMode: "MarkdownV2" })).toMatch(
      /"!" at character 7 must be escaped/,
    );
    expect(markupProblem({ type: "text", text: "<b>{full_name}</b>", parseMode: "HTML" })).toBeNull();
    expect(markupProblem({ type: "text", text: "Plain. (No parse mode)" })).toBeNull();
  });
});
