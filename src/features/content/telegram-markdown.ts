/**
 * A check of text meant for parse_mode MarkdownV2, for the mistakes Telegram refuses most often: a
 * reserved character left unescaped (`Hello.` must be `Hello\.`), a bracket or parenthesis outside
 * a link, an unclosed code span or link. The balance of bold, italic, underline, strike and spoiler
 * markers is left to Telegram.
 */

/** Characters that are never markup where they stand and must be escaped (https://core.telegram.org/bots/api#markdownv2-style). */
const reserved = new Set(["#", "+", "-", "=", "{", "}", ".", "!", ">"]);

export type MarkdownProblem =
  | { kind: "unescaped"; char: string; offset: number }
  | { kind: "unclosed_code"; offset: number }
  | { kind: "unclosed_link"; offset: number }
  | { kind: "trailing_backslash"; offset: number };

/** The first problem Telegram would refuse the text for, or null when none of the checked ones is there. */
export function findMarkdownV2Problem(text: string): MarkdownProblem | null {
  let linkText: number | null = null; // where an open [ is
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (char === "\\") {
      if (i + 1 >= text.length) return { kind: "trailing_backslash", offset: i };
      i += 1;
      continue;
    }
    if (char === "`") {
      const fence = text.startsWith("```", i) ? "```" : "`";
      const end = closingOf(text, fence, i + fence.length);
      if (end === -1) return { kind: "unclosed_code", offset: i };
      i = end + fence.length - 1;
      continue;
    }
    if (char === "[") {
      if (linkText !== null) return { kind: "unescaped", char, offset: i };
      linkText = i;
      continue;
    }
    if (char === "]") {
      if (linkText === null || text[i + 1] !== "(") return { kind: "unescaped", char, offset: i };
      const end = closingOf(text, ")", i + 2);
      if (end === -1) return { kind: "unclosed_link", offset: linkText };
      linkText = null;
      i = end;
      continue;
    }
    // `>` opens a quote at the start of a line (`**>` an expandable one); `!` a custom emoji before `[`.
    if (char === ">" && startsLine(text, text.startsWith("**", i - 2) ? i - 2 : i)) continue;
    if (char === "!" && text[i + 1] === "[") continue;
    if (reserved.has(char) || char === "(" || char === ")") return { kind: "unescaped", char, offset: i };
  }
  return linkText === null ? null : { kind: "unclosed_link", offset: linkText };
}

const startsLine = (text: string, at: number) => at === 0 || text[at - 1] === "\n";

/** Where the unescaped `closing` after `from` starts, or -1 (inside code and link URLs only ` ) and \ are escaped). */
function closingOf(text: string, closing: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === "\\") i += 1;
    else if (text.startsWith(closing, i)) return i;
  }
  return -1;
}

/** The problem in words, for an API error. */
export function describeMarkdownV2Problem(problem: MarkdownProblem): string {
  const at = `at character ${problem.offset + 1}`;
  switch (problem.kind) {
    case "unescaped":
      return `"${problem.char}" ${at} must be escaped as "\\${problem.char}" in MarkdownV2`;
    case "unclosed_code":
      return `the code ${at} is never closed`;
    case "unclosed_link":
      return `the link ${at} is never closed: [text](url)`;
    case "trailing_backslash":
      return `the "\\" ${at} escapes nothing`;
  }
}
