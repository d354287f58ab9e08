import { describe, expect, it } from "vitest";
import { describeHtmlProblem, findHtmlProblem } from "../../src/features/content/telegram-html.js";

describe("findHtmlProblem", () => {
  it("when the text uses Telegram's tags, nested and closed, then it passes", () => {
    for (const text of [
      "Hi {first_name}!",
      "<b>bold <i>both</i></b> & <u>under</u> 2 > 1",
      '<a href="https://example.com/?a=1&amp;b=2">link</a> <tg-spoiler>x</tg-spoiler>',
      '<span class="tg-spoiler">s</span><pre><code class="language-ts">x &lt; y</code></pre>',
      '<blockquote expandable>quote</blockquote><tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>',
      "<B>upper case</B>",
    ]) {
      expect(findHtmlProblem(text), text).toBeNull();
    }
  });

  it("when a tag is unknown, unclosed, closed out of order, or a < starts nothing, then the first problem is named with its place", () => {
    expect(findHtmlProblem("Hi <div>x</div>")).toEqual({ kind: "unsupported_tag", tag: "div", offset: 3 });
    expect(findHtmlProblem("<b>bold")).toEqual({ kind: "unclosed_tag", tag: "b", offset: 0 });
    expect(findHtmlProblem("<b><i>x</b></i>")).toEqual({ kind: "unexpected_end_tag", tag: "b", offset: 7 });
    expect(findHtmlProblem("x</i>")).toEqual({ kind: "unexpected_end_tag", tag: "i", offset: 1 });
    expect(findHtmlProblem("1 < 2")).toEqual({ kind: "bare_less_than", offset: 2 });
    expect(describeHtmlProblem({ kind: "unclosed_tag", tag: "b", offset: 0 })).toBe(
      "<b> at character 1 is never closed",
    );
  });
});
