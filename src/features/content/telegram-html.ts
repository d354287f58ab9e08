/**
 * Checks text meant for parse_mode HTML against what Telegram accepts, so a broken text is refused
 * when a mailing or deeplink is made rather than failing for every recipient. Only what Telegram
 * refuses is checked (supported tags, each closed in order, `<` only as a tag); a stray `&` or `>`
 * it reads as text, and attributes are left to it.
 */

/** The tags of Telegram's HTML style (https://core.telegram.org/bots/api#html-style). */
const supportedTags = new Set([
  "b",
  "strong",
  "i",
  "em",
  "u",
  "ins",
  "s",
  "strike",
  "del",
  "span",
  "tg-spoiler",
  "a",
  "tg-emoji",
  "code",
  "pre",
  "blockquote",
]);

const tagPattern =
  /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*>/;

export type HtmlProblem =
  | { kind: "unsupported_tag"; tag: string; offset: number }
  | { kind: "unclosed_tag"; tag: string; offset: number }
  | { kind: "unexpected_end_tag"; tag: string; offset: number }
  | { kind: "bare_less_than"; offset: number };

/** The first problem Telegram would refuse the text for, or null when it parses. */
export function findHtmlProblem(text: string): HtmlProblem | null {
  const open: Array<{ tag: string; offset: number }> = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "<") {
      const match = tagPattern.exec(text.slice(i, i + 512));
      if (!match) return { kind: "bare_less_than", offset: i };
      const [whole, slash, name] = match as unknown as [string, string, string];
      const tag = name.toLowerCase();
      if (!supportedTags.has(tag)) return { kind: "unsupported_tag", tag, offset: i };
      if (slash === "") open.push({ tag, offset: i });
      else if (open.at(-1)?.tag === tag) open.pop();
      else return { kind: "unexpected_end_tag", tag, offset: i };
      i += whole.length - 1;
    }
  }
  const unclosed = open.at(-1);
  return unclosed ? { kind: "unclosed_tag", tag: unclosed.tag, offset: unclosed.offset } : null;
}

/** The problem in words, for an API error or an admin's reply. */
export function describeHtmlProblem(problem: HtmlProblem): string {
  const at = `at character ${problem.offset + 1}`;
  switch (problem.kind) {
    case "unsupported_tag":
      return `<${problem.tag}> ${at} is not one of Telegram's HTML tags`;
    case "unclosed_tag":
      return `<${problem.tag}> ${at} is never closed`;
    case "unexpected_end_tag":
      return `</${problem.tag}> ${at} closes a tag that is not the last one open`;
    case "bare_less_than":
      return `"<" ${at} starts no tag: write &lt;`;
  }
}
