/** One tag a deeplink gives its users: lower-case letters, digits, `_` and `-`. */
export const tagPattern = /^[a-z0-9_-]{1,32}$/;
export const maxTagsPerDeeplink = 20;

export type ParsedTags =
  | { ok: true; tags: string[] }
  | { ok: false; problem: "empty" }
  | { ok: false; problem: "invalid"; tag: string }
  | { ok: false; problem: "too_many"; count: number };

/** Reads tags separated by spaces or commas (lower-cased, duplicates dropped); "-" alone means none. */
export function parseTags(input: string): ParsedTags {
  const trimmed = input.trim();
  if (trimmed === "-") return { ok: true, tags: [] };
  const words = trimmed.split(/[\s,]+/).filter((word) => word !== "");
  if (words.length === 0) return { ok: false, problem: "empty" };
  return normalizeTags(words);
}

/** Checks a list of tags (lower-cased, duplicates dropped); an empty list means none. */
export function normalizeTags(input: readonly string[]): ParsedTags {
  const tags: string[] = [];
  for (const raw of input) {
    const tag = raw.toLowerCase();
    if (!tagPattern.test(tag)) return { ok: false, problem: "invalid", tag: raw };
    if (!tags.includes(tag)) tags.push(tag);
  }
  if (tags.length > maxTagsPerDeeplink) return { ok: false, problem: "too_many", count: tags.length };
  return { ok: true, tags };
}
