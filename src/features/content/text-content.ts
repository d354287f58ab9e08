import type { LinkPreviewOptions, MessageEntity } from "grammy/types";
import type { ParseMode, TextContent } from "./message-content.js";
import { renderTemplate, type TemplateValues } from "./template.js";

const markdownV2Special = /[_*[\]()~`>#+\-=|{}.!\\]/g;
const htmlSpecial: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

/** A plain value (a user's name) made safe to place inside markup of `mode`: it reads as typed. */
export function escapeForParseMode(value: string, mode: ParseMode): string {
  if (mode === "HTML") return value.replace(/[&<>"]/g, (c) => htmlSpecial[c] as string);
  return value.replace(markdownV2Special, (c) => `\\${c}`);
}

/** The sendMessage options that carry a text's formatting. */
export interface TextFormatting {
  entities?: MessageEntity[];
  parse_mode?: ParseMode;
  link_preview_options?: LinkPreviewOptions;
}

/**
 * A text ready for sendMessage: templates filled with `values` (left as typed without them),
 * escaped for the text's parse mode so a name such as `<b>` cannot break the markup.
 */
export function renderTextContent(
  content: TextContent,
  values?: TemplateValues,
): { text: string; formatting: TextFormatting } {
  const preview: TextFormatting = content.disableLinkPreview
    ? { link_preview_options: { is_disabled: true } }
    : {};
  const { parseMode } = content;
  if (parseMode !== undefined) {
    const escaped = values
      ? Object.fromEntries(Object.entries(values).map(([k, v]) => [k, escapeForParseMode(v, parseMode)]))
      : undefined;
    const text = escaped ? renderTemplate(content.text, escaped).text : content.text;
    return { text, formatting: { parse_mode: parseMode, ...preview } };
  }
  const rendered = values ? renderTemplate(content.text, values, content.entities) : content;
  return { text: rendered.text, formatting: { entities: rendered.entities, ...preview } };
}
