import type { MessageEntity } from "grammy/types";

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

  const moveOffset = (position: number, edge: "start" | "end"): number => {
    let shift = 0;
    for (const r of replacements) {
      if (position >= r.end) shift += r.value.length - (r.end - r.start);
      else if (position > r.start) {
        // Inside a placeholder: snap to the edge of its replacement.
        return r.start + shift + (edge === "end" ? r.value.length : 0);
      }
    }
    return position + shift;
  };
  const moved = entities
    .map((e) => {
      const start = moveOffset(e.offset, "start");
      const end = moveOffset(e.offset + e.length, "end");
      return { ...e, offset: start, length: end - start };
    })
    .filter((e) => e.length > 0);
  return { text: out, entities: moved };
}

/** Fills placeholders of a plain text (no formatting entities) with strings or numbers. */
export function fillTemplate(template: string, values: Record<string, string | number>): string {
  return renderTemplate(template, Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)])))
    .text;
}
