import type { RecipientFields } from "../personalization/recipient-fields.js";
import type { TextContent } from "./message-content.js";
import { describeHtmlProblem, findHtmlProblem } from "./telegram-html.js";
import { describeMarkdownV2Problem, findMarkdownV2Problem } from "./telegram-markdown.js";
import { renderTextContent } from "./text-content.js";

/**
 * Someone to fill the templates with: Telegram sees the text as a recipient would get it. Without
 * profile fields or attributes, every `|fallback` is checked as the markup it becomes.
 */
const sampleRecipient: RecipientFields = {
  recipient: { id: 1, firstName: "Ann", lastName: "Lee", username: "ann" },
  attribute: () => undefined,
  dearUser: "Dear User",
};

/**
 * Why Telegram would refuse this text's markup, in words, or null. Templates are filled first (their
 * values escaped as at sending), so `{first_name}` is no stray brace in MarkdownV2.
 */
export function markupProblem(content: TextContent): string | null {
  if (content.parseMode === undefined) return null;
  const { text } = renderTextContent(content, sampleRecipient);
  if (content.parseMode === "HTML") {
    const problem = findHtmlProblem(text);
    return problem && describeHtmlProblem(problem);
  }
  const problem = findMarkdownV2Problem(text);
  return problem && describeMarkdownV2Problem(problem);
}
