import type { MessageEntity } from "grammy/types";
import { badRequest } from "./errors.js";

/**
 * What a formatted text becomes on Telegram: the plain text users see plus entities.
 * The parsers approximate Telegram's so that escaping bugs fail in tests as they would live.
 */
export interface FormattedText {
  text: string;
  entities: MessageEntity[];
}

export function formatText(
  raw: string,
  parseMode: string | undefined,
  entities: MessageEntity[] | undefined,
): FormattedText {
  // Explicit entities win over parse_mode, as on Telegram.
  if (entities !== undefined || parseMode === undefined || parseMode === "") {
    return { text: raw, entities: entities ?? [] };
  }
  switch (parseMode.toLowerCase()) {
    case "html":
      return parseHtml(raw);
    case "markdownv2":
      return parseMarkdownV2(raw);
    case "markdown":
      return parseMarkdown(raw);
    default:
      throw badRequest("unsupported parse_mode");
  }
}

const cantParse = (what: string) => badRequest(`can't parse entities: ${what}`);
const byteOffset = (src: string, index: number) => Buffer.byteLength(src.slice(0, index), "utf8");

/** Collects entities, dropping empty ones and ordering them as Telegram does. */
class Entities {
  private readonly list: MessageEntity[] = [];

  add(entity: MessageEntity): void {
    if (entity.length > 0) this.list.push(entity);
  }

  done(text: string): FormattedText {
    const entities = this.list.sort((a, b) => a.offset - b.offset || b.length - a.length);
    return { text, entities };
  }
}

// --- HTML

type SimpleType = "bold" | "italic" | "underline" | "strikethrough" | "spoiler" | "code";

const HTML_SIMPLE: Record<string, SimpleType> = {
  b: "bold",
  strong: "bold",
  i: "italic",
  em: "italic",
  u: "underline",
  ins: "underline",
  s: "strikethrough",
  strike: "strikethrough",
  del: "strikethrough",
  "tg-spoiler": "spoiler",
  span: "spoiler",
  code: "code",
};
const HTML_OTHER = new Set(["a", "pre", "blockquote", "tg-emoji"]);

interface OpenTag {
  tag: string;
  offset: number;
  attrs: Map<string, string>;
  language?: string;
}

function decodeHtmlEntity(name: string): string {
  if (name.startsWith("#x") || name.startsWith("#X"))
    return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
  if (name.startsWith("#")) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
  return { lt: "<", gt: ">", amp: "&", quot: '"' }[name] ?? `&${name};`;
}

function decodeHtml(value: string): string {
  return value.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot);/g, (_, name: string) =>
    decodeHtmlEntity(name),
  );
}

function parseAttributes(source: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of source.matchAll(/([a-zA-Z_:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
    attrs.set((m[1] ?? "").toLowerCase(), decodeHtml(m[2] ?? m[3] ?? m[4] ?? ""));
  }
  return attrs;
}

function parseHtml(src: string): FormattedText {
  const entities = new Entities();
  const stack: OpenTag[] = [];
  let text = "";
  let i = 0;
  while (i < src.length) {
    const ch = src.charAt(i);
    if (ch === "&") {
      const entity = /^&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot);/.exec(src.slice(i, i + 16));
      text += entity ? decodeHtmlEntity(entity[1] ?? "") : ch;
      i += entity ? entity[0].length : 1;
      continue;
    }
    if (ch !== "<") {
      text += ch;
      i += 1;
      continue;
    }
    const start = i;
    const closing = src.charAt(i + 1) === "/";
    const nameAt = i + (closing ? 2 : 1);
    const name = (/^[a-zA-Z0-9-]+/.exec(src.slice(nameAt))?.[0] ?? "").toLowerCase();
    if (name === "")
      throw cantParse(`Unexpected end of name token at byte offset ${byteOffset(src, nameAt)}`);
    const end = src.indexOf(">", nameAt);
    if (end < 0) {
      throw cantParse(`Unclosed ${closing ? "end" : "start"} tag at byte offset ${byteOffset(src, start)}`);
    }
    i = end + 1;
    if (!closing) {
      if (!(name in HTML_SIMPLE) && !HTML_OTHER.has(name)) {
        throw cantParse(`Unsupported start tag "${name}" at byte offset ${byteOffset(src, start)}`);
      }
      const attrs = parseAttributes(src.slice(nameAt + name.length, end));
      if (name === "span" && attrs.get("class") !== "tg-spoiler") {
        throw cantParse(`Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(src, start)}`);
      }
      const parent = stack.at(-1);
      const language = attrs.get("class")?.match(/^language-(.+)$/)?.[1];
      if (name === "code" && parent?.tag === "pre" && language !== undefined) parent.language = language;
      stack.push({ tag: name, offset: text.length, attrs });
      continue;
    }
    const open = stack.pop();
    if (open === undefined) throw cantParse(`Unexpected end tag at byte offset ${byteOffset(src, start)}`);
    if (open.tag !== name) {
      throw cantParse(
        `Unmatched end tag at byte offset ${byteOffset(src, start)}, expected "</${open.tag}>", found "</${name}>"`,
      );
    }
    const insidePre = stack.some((t) => t.tag === "pre");
    const span = { offset: open.offset, length: text.length - open.offset };
    const simple = HTML_SIMPLE[name];
    if (simple !== undefined) {
      if (!(simple === "code" && insidePre)) entities.add({ type: simple, ...span });
    } else if (name === "a") {
      const url = open.attrs.get("href");
      if (url !== undefined) entities.add({ type: "text_link", url, ...span });
    } else if (name === "pre") {
      entities.add(
        open.language === undefined
          ? { type: "pre", ...span }
          : { type: "pre", language: open.language, ...span },
      );
    } else if (name === "blockquote") {
      entities.add({ type: open.attrs.has("expandable") ? "expandable_blockquote" : "blockquote", ...span });
    } else {
      const id = open.attrs.get("emoji-id");
      if (id !== undefined) entities.add({ type: "custom_emoji", custom_emoji_id: id, ...span });
    }
  }
  const unclosed = stack.at(-1);
  if (unclosed !== undefined)
    throw cantParse(`Can't find end tag corresponding to start tag "${unclosed.tag}"`);
  return entities.done(text);
}

// --- MarkdownV2

const MDV2_RESERVED = "_*[]()~`>#+-=|{}.!";
const MDV2_MARKERS: Record<string, { type: SimpleType; name: string }> = {
  "*": { type: "bold", name: "Bold" },
  _: { type: "italic", name: "Italic" },
  __: { type: "underline", name: "Underline" },
  "~": { type: "strikethrough", name: "Strikethrough" },
  "||": { type: "spoiler", name: "Spoiler" },
};

interface OpenMarker {
  marker: string;
  offset: number;
  index: number;
}

/** Index of `needle` at or after `from`, skipping backslash-escaped characters. */
function findUnescaped(src: string, needle: string, from: number): number {
  for (let i = from; i < src.length; i += 1) {
    if (src.charAt(i) === "\\") i += 1;
    else if (src.startsWith(needle, i)) return i;
  }
  return -1;
}

const dropEscapes = (s: string) => s.replace(/\\(.)/gs, "$1");

function parseMarkdownV2(src: string): FormattedText {
  const entities = new Entities();
  const stack: OpenMarker[] = [];
  let text = "";
  let quoteStart: number | undefined;
  let i = 0;
  while (i < src.length) {
    const ch = src.charAt(i);
    const lineStart = i === 0 || src.charAt(i - 1) === "\n";
    if (lineStart && quoteStart !== undefined && ch !== ">") {
      entities.add({ type: "blockquote", offset: quoteStart, length: text.length - quoteStart - 1 });
      quoteStart = undefined;
    }
    if (lineStart && ch === ">") {
      quoteStart ??= text.length;
      i += 1;
      continue;
    }
    if (ch === "\\") {
      text += src.charAt(i + 1);
      i += 2;
      continue;
    }
    if (src.startsWith("```", i)) {
      const close = findUnescaped(src, "```", i + 3);
      if (close < 0) throw cantParse(`Can't find end of Pre entity at byte offset ${byteOffset(src, i)}`);
      let body = src.slice(i + 3, close);
      const newline = body.indexOf("\n");
      const language = newline > 0 ? body.slice(0, newline) : "";
      if (newline >= 0) body = body.slice(newline + 1);
      body = dropEscapes(body);
      const span = { offset: text.length, length: body.length };
      entities.add(language === "" ? { type: "pre", ...span } : { type: "pre", language, ...span });
      text += body;
      i = close + 3;
      continue;
    }
    if (ch === "`") {
      const close = findUnescaped(src, "`", i + 1);
      if (close < 0) throw cantParse(`Can't find end of Code entity at byte offset ${byteOffset(src, i)}`);
      const body = dropEscapes(src.slice(i + 1, close));
      entities.add({ type: "code", offset: text.length, length: body.length });
      text += body;
      i = close + 1;
      continue;
    }
    if (ch === "[") {
      stack.push({ marker: "[", offset: text.length, index: i });
      i += 1;
      continue;
    }
    if (ch === "]" && stack.at(-1)?.marker === "[") {
      const open = stack.pop() as OpenMarker;
      const close = src.charAt(i + 1) === "(" ? findUnescaped(src, ")", i + 2) : -1;
      if (close < 0) throw cantParse(`Can't find end of a URL at byte offset ${byteOffset(src, i)}`);
      entities.add({
        type: "text_link",
        url: dropEscapes(src.slice(i + 2, close)),
        offset: open.offset,
        length: text.length - open.offset,
      });
      i = close + 1;
      continue;
    }
    let marker = src.startsWith("__", i)
      ? "__"
      : src.startsWith("||", i)
        ? "||"
        : "*_~".includes(ch)
          ? ch
          : "";
    // "___" closing underline inside italic or vice versa: prefer the marker that is open.
    if (marker === "__" && !stack.some((s) => s.marker === "__") && stack.some((s) => s.marker === "_"))
      marker = "_";
    const markerInfo = MDV2_MARKERS[marker];
    if (markerInfo !== undefined) {
      const openAt = stack.findLastIndex((s) => s.marker === marker);
      const open = openAt >= 0 ? stack.splice(openAt, 1)[0] : undefined;
      if (open === undefined) stack.push({ marker, offset: text.length, index: i });
      else entities.add({ type: markerInfo.type, offset: open.offset, length: text.length - open.offset });
      i += marker.length;
      continue;
    }
    if (MDV2_RESERVED.includes(ch)) {
      throw cantParse(`Character '${ch}' is reserved and must be escaped with the preceding '\\'`);
    }
    text += ch;
    i += 1;
  }
  if (quoteStart !== undefined) {
    entities.add({ type: "blockquote", offset: quoteStart, length: text.length - quoteStart });
  }
  const unclosed = stack.at(-1);
  if (unclosed !== undefined) {
    const name = MDV2_MARKERS[unclosed.marker]?.name ?? "TextUrl";
    throw cantParse(`Can't find end of ${name} entity at byte offset ${byteOffset(src, unclosed.index)}`);
  }
  return entities.done(text);
}

// --- legacy Markdown

const LEGACY_TYPES: Record<string, SimpleType> = { "*": "bold", _: "italic", "`": "code" };

function parseMarkdown(src: string): FormattedText {
  const entities = new Entities();
  let text = "";
  let i = 0;
  const unclosed = (at: number) =>
    cantParse(`Can't find end of the entity starting at byte offset ${byteOffset(src, at)}`);
  while (i < src.length) {
    const ch = src.charAt(i);
    if (ch === "\\" && "_*`[".includes(src.charAt(i + 1))) {
      text += src.charAt(i + 1);
      i += 2;
    } else if (src.startsWith("```", i)) {
      const close = src.indexOf("```", i + 3);
      if (close < 0) throw unclosed(i);
      let body = src.slice(i + 3, close);
      const newline = body.indexOf("\n");
      const language = newline > 0 ? body.slice(0, newline) : "";
      if (newline >= 0) body = body.slice(newline + 1);
      const span = { offset: text.length, length: body.length };
      entities.add(language === "" ? { type: "pre", ...span } : { type: "pre", language, ...span });
      text += body;
      i = close + 3;
    } else if (ch in LEGACY_TYPES) {
      const close = src.indexOf(ch, i + 1);
      if (close < 0) throw unclosed(i);
      const body = src.slice(i + 1, close);
      entities.add({ type: LEGACY_TYPES[ch] ?? "bold", offset: text.length, length: body.length });
      text += body;
      i = close + 1;
    } else if (ch === "[") {
      const middle = src.indexOf("](", i + 1);
      const close = middle < 0 ? -1 : src.indexOf(")", middle + 2);
      if (close < 0) throw unclosed(i);
      const body = src.slice(i + 1, middle);
      entities.add({
        type: "text_link",
        url: src.slice(middle + 2, close),
        offset: text.length,
        length: body.length,
      });
      text += body;
      i = close + 1;
    } else {
      text += ch;
      i += 1;
    }
  }
  return entities.done(text);
}
