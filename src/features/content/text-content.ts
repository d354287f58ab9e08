import type { LinkPreviewOptions, MessageEntity } from "grammy/types";
import {
  compiledTemplate,
  renderCompiled,
  renderCompiledWithEntities,
} from "../personalization/compiled-template.js";
import { type RecipientFields, recipientFieldValue } from "../personalization/recipient-fields.js";
import type { ParseMode, TextContent } from "./message-content.js";

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
 * A text ready for sendMessage: fields filled for `fields`' recipient (left as typed without one),
 * their values escaped for the text's parse mode so a name such as `<b>` cannot break the markup.
 */
export function renderTextContent(
  content: TextContent,
  fields?: RecipientFields,
): { text: string; formatting: TextFormatting } {
  const preview: TextFormatting = content.disableLinkPreview
    ? { link_preview_options: { is_disabled: true } }
    : {};
  const { parseMode } = content;
  if (parseMode !== undefined) {
    const text = fields
      ? renderCompiled(
          compiledTemplate(content.text),
          recipientFieldValue(fields, (value) => escapeForParseMode(value, parseMode)),
        )
      : content.text;
    return { text, formatting: { parse_mode: parseMode, ...preview } };
  }
  if (!fields) return { text: content.text, formatting: { entities: content.entities, ...preview } };
  const rendered = renderCompiledWithEntities(
    compiledTemplate(content.text),
    recipientFieldValue(fields),
    content.entities ?? [],
  );
  return { text: rendered.text, formatting: { entities: rendered.entities, ...preview } };
}
