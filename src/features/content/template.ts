import type { MessageEntity } from "grammy/types";
import { moveEntities } from "./move-entities.js";

export type TemplateValues = Record<string, string>;

interface Replacement {
  start: number;
  end: number;
  value: string;
}

/**
 * Fills `{name}` placeholders whose name is in `values`, leaving unknown ones as typed, and moves
 * formatting entities so bold/links still cover the same words after the text changes length.
 */
export function renderTemplate(
  text: string,
  values: TemplateValues,
  entities: MessageEntity[] = [],
): { text: string; entities: MessageEntity[] } {
  const replacements: Replacement[] = [];
  for (const match of text.matchAll(/\{([a-z_]+)\}/g)) {
    const name = match[1] as string;
    if (!Object.hasOwn(values, name)) continue;
    replacements.push({
      start: match.index,
      end: match.index + match[0].length,
      value: values[name] as string,
    });
  }
  if (replacements.length === 0) return { text, entities };

  let out = "";
  let cursor = 0;
  for (const r of replacements) {
    out += text.slice(cursor, r.start) + r.value;
    cursor = r.end;
  }
  out += text.slice(cursor);

  const moved = moveEntities(
    entities,
    replacements.map((r) => ({ start: r.start, end: r.end, length: r.value.length })),
  );
  return { text: out, entities: moved };
}

/** Fills placeholders of a plain text (no formatting entities) with strings or numbers. */
export function fillTemplate(template: string, values: Record<string, string | number>): string {
  return renderTemplate(template, Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)])))
    .text;
}
