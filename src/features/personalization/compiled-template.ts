import type { MessageEntity } from "grammy/types";
import { moveEntities, type TextReplacement } from "../content/move-entities.js";

/** A piece of a template: text as typed, or a field to fill (`fallback` is what follows `|`, if any). */
export type TemplatePart =
  | { kind: "literal"; text: string }
  | { kind: "field"; name: string; fallback: string | null; start: number; end: number };

/** A template parsed once: rendering it for many recipients only joins its parts. */
export interface CompiledTemplate {
  source: string;
  parts: readonly TemplatePart[];
  /** Every field name it uses, once each, in order of first use. */
  fields: readonly string[];
}

/**
 * What counts as a field: `{name}`, `{attr.key}`, each optionally with `|fallback`. Anything else in
 * braces (`{}`, `{two words}`, JSON, MarkdownV2's escaped `\{first_name\}`) is text as typed.
 */
const fieldPattern = /\{([A-Za-z_][A-Za-z0-9_]*(?:\.[^\s{}|\\]*)?)(?:\|([^{}]*))?\}/g;

/** Parses a template into its literal and field parts. */
export function compileTemplate(source: string): CompiledTemplate {
  const parts: TemplatePart[] = [];
  const fields = new Set<string>();
  let cursor = 0;
  for (const match of source.matchAll(fieldPattern)) {
    const name = match[1] as string;
    if (match.index > cursor) parts.push({ kind: "literal", text: source.slice(cursor, match.index) });
    const end = match.index + match[0].length;
    parts.push({ kind: "field", name, fallback: match[2] ?? null, start: match.index, end });
    fields.add(name);
    cursor = end;
  }
  if (cursor < source.length) parts.push({ kind: "literal", text: source.slice(cursor) });
  return { source, parts, fields: [...fields] };
}

const cache = new Map<string, CompiledTemplate>();
const cacheLimit = 256;

/** `compileTemplate`, remembered for the few texts the bot says again and again (welcome, gate texts). */
export function compiledTemplate(source: string): CompiledTemplate {
  const found = cache.get(source);
  if (found) return found;
  if (cache.size >= cacheLimit) cache.clear();
  const compiled = compileTemplate(source);
  cache.set(source, compiled);
  return compiled;
}

/**
 * A field's text for one recipient: `fallback` is the template's own fallback (null without `|`);
 * the answer is already escaped for the text's parse mode where it has one.
 */
export type FieldValue = (name: string, fallback: string | null) => string;

/** The template with every field filled by `value`. */
export function renderCompiled(template: CompiledTemplate, value: FieldValue): string {
  let out = "";
  for (const part of template.parts) {
    out += part.kind === "literal" ? part.text : value(part.name, part.fallback);
  }
  return out;
}

/**
 * The template filled, with formatting entities moved so bold and links still cover the same words
 * after fields change the text's length.
 */
export function renderCompiledWithEntities(
  template: CompiledTemplate,
  value: FieldValue,
  entities: readonly MessageEntity[],
): { text: string; entities: MessageEntity[] } {
  const replacements: TextReplacement[] = [];
  let text = "";
  for (const part of template.parts) {
    if (part.kind === "literal") {
      text += part.text;
      continue;
    }
    const filled = value(part.name, part.fallback);
    replacements.push({ start: part.start, end: part.end, length: filled.length });
    text += filled;
  }
  if (entities.length === 0 || replacements.length === 0) return { text, entities: [...entities] };
  return { text, entities: moveEntities(entities, replacements) };
}
