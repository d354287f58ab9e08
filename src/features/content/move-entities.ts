import type { MessageEntity } from "grammy/types";

/** A stretch of the original text (`start` to `end`) replaced by `length` characters. */
export interface TextReplacement {
  start: number;
  end: number;
  length: number;
}

/**
 * Moves formatting entities over a text whose stretches were replaced (in order), so bold and links
 * still cover the same words; an entity edge inside a replaced stretch snaps to its replacement's edge.
 */
export function moveEntities(
  entities: readonly MessageEntity[],
  replacements: readonly TextReplacement[],
): MessageEntity[] {
  const moveOffset = (position: number, edge: "start" | "end"): number => {
    let shift = 0;
    for (const r of replacements) {
      if (position >= r.end) shift += r.length - (r.end - r.start);
      else if (position > r.start) return r.start + shift + (edge === "end" ? r.length : 0);
    }
    return position + shift;
  };
  return entities
    .map((e) => {
      const start = moveOffset(e.offset, "start");
      const end = moveOffset(e.offset + e.length, "end");
      return { ...e, offset: start, length: end - start };
    })
    .filter((e) => e.length > 0);
}
