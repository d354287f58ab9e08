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
  const tags: string[] = [];
  for (const raw of trimmed.split(/[\s,]+/)) {
    if (raw === "") continue;
    const tag = raw.toLowerCase();
    if (!tagPattern.test(tag)) return { ok: false, problem: "invalid", tag: raw };
    if (!tags.includes(tag)) tags.push(tag);
  }
  if (tags.length === 0) return { ok: false, problem: "empty" };
  if (tags.length > maxTagsPerDeeplink) return { ok: false, problem: "too_many", count: tags.length };
  return { ok: true, tags };
}
