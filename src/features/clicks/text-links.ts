import type { MessageEntity } from "grammy/types";
import type { TextContent } from "../content/message-content.js";

/** Turns a link into the one a recipient gets (their tracked link), or returns it unchanged. */
export type LinkRewrite = (url: string) => string;

/** An http(s) URL typed in plain text, as Telegram would link it (closing punctuation left out). */
const plainUrl = /https?:\/\/[^\s<>"]+/gi;

/** A URL without the punctuation that closes the sentence around it (a `)` it opened stays). */
function trimUrl(url: string): string {
  let trimmed = url.replace(/[.,;:!?'"\]]+$/, "");
  while (trimmed.endsWith(")") && trimmed.split("(").length < trimmed.split(")").length) {
    trimmed = trimmed.slice(0, -1).replace(/[.,;:!?'"\]]+$/, "");
  }
  return trimmed;
}

/** Where a URL shown in the text leads: Telegram adds `http://` to one typed without a scheme. */
function targetOf(shown: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(shown) ? shown : `http://${shown}`;
}

/** The plain URLs of a text, each with where it starts and ends. */
function findPlainUrls(text: string): Array<{ start: number; end: number; url: string }> {
  return [...text.matchAll(plainUrl)].map((match) => {
    const url = trimUrl(match[0]);
    return { start: match.index, end: match.index + url.length, url };
  });
}

/** Entities with every link (a `text_link`, or a `url` Telegram found in the text) rewritten; the text stays as it is. */
export function trackEntities(text: string, entities: MessageEntity[], link: LinkRewrite): MessageEntity[] {
  return entities.map((entity) => {
    if (entity.type === "text_link") return { ...entity, url: link(entity.url) };
    if (entity.type !== "url") return entity;
    const target = targetOf(text.slice(entity.offset, entity.offset + entity.length));
    const tracked = link(target);
    return tracked === target
      ? entity
      : { type: "text_link", offset: entity.offset, length: entity.length, url: tracked };
  });
}

const htmlEntities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeHtml(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (!name.startsWith("#")) return htmlEntities[name.toLowerCase()] ?? whole;
    const hex = name[1] === "x" || name[1] === "X";
    const code = Number.parseInt(name.slice(hex ? 2 : 1), hex ? 16 : 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

const escapeHtmlAttribute = (value: string) =>
  value.replace(/[&<>"]/g, (c) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot" }[c]};`);

const hrefPattern = /(\shref\s*=\s*)("([^"]*)"|'([^']*)'|([^\s"'>]+))/i;

/** HTML with each `<a href>` rewritten and each plain URL outside links and code made a tracked `<a>`. */
export function trackHtml(html: string, link: LinkRewrite): string {
  const open: string[] = [];
  return html.replace(/<(\/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>|[^<]+/g, (token, slash, name, attributes) => {
    if (name === undefined) {
      return open.some((tag) => tag === "a" || tag === "code" || tag === "pre")
        ? token
        : wrapHtmlUrls(token, link);
    }
    if (slash) {
      open.pop();
      return token;
    }
    const tag = (name as string).toLowerCase();
    open.push(tag);
    if (tag !== "a") return token;
    const rewritten = (attributes as string).replace(
      hrefPattern,
      (_whole, before: string, _quoted, double?: string, single?: string, bare?: string) =>
        `${before}"${escapeHtmlAttribute(link(decodeHtml(double ?? single ?? bare ?? "")))}"`,
    );
    return `<${name}${rewritten}>`;
  });
}

/** A run of HTML text with each plain URL that `link` changes wrapped in `<a>`. */
function wrapHtmlUrls(text: string, link: LinkRewrite): string {
  let out = "";
  let cursor = 0;
  for (const { start, end, url } of findPlainUrls(text)) {
    const target = decodeHtml(url);
    const tracked = link(target);
    if (tracked === target) continue;
    out += `${text.slice(cursor, start)}<a href="${escapeHtmlAttribute(tracked)}">${url}</a>`;
    cursor = end;
  }
  return out + text.slice(cursor);
}

const unescapeMarkdown = (value: string) => value.replace(/\\(.)/g, "$1");
const escapeMarkdownUrl = (value: string) => value.replace(/[)\\]/g, (c) => `\\${c}`);

/**
 * MarkdownV2 with each `[text](url)` rewritten and each plain URL outside links and code made a
 * tracked link. A plain URL ends at a space or an unescaped markup character; `\.` stays escaped.
 */
export function trackMarkdownV2(markdown: string, link: LinkRewrite): string {
  let out = "";
  let inLinkText = false;
  let i = 0;
  while (i < markdown.length) {
    const char = markdown[i] as string;
    if (char === "\\") {
      out += markdown.slice(i, i + 2);
      i += 2;
    } else if (char === "`") {
      const fence = markdown.startsWith("```", i) ? "```" : "`";
      const end = closingOf(markdown, fence, i + fence.length);
      const stop = end === -1 ? markdown.length : end + fence.length;
      out += markdown.slice(i, stop);
      i = stop;
    } else if (char === "[") {
      inLinkText = true;
      out += char;
      i += 1;
    } else if (char === "]" && markdown[i + 1] === "(") {
      const close = closingOf(markdown, ")", i + 2);
      const stop = close === -1 ? markdown.length : close;
      out += `](${escapeMarkdownUrl(link(unescapeMarkdown(markdown.slice(i + 2, stop))))})`;
      inLinkText = false;
      i = stop + 1;
    } else if (!inLinkText && /^https?:\/\//i.test(markdown.slice(i, i + 8))) {
      const raw = /^(?:\\.|[^\s\\*_~|[\]()`])+/.exec(markdown.slice(i))?.[0] ?? "";
      const shown = raw.replace(/(?:\\[.,;:!?'")\]])+$/, "");
      const target = unescapeMarkdown(shown);
      const tracked = link(target);
      out += tracked === target ? shown : `[${shown}](${escapeMarkdownUrl(tracked)})`;
      i += shown.length;
    } else {
      out += char;
      i += 1;
    }
  }
  return out;
}

/** Where the unescaped `closing` after `from` starts, or -1. */
function closingOf(text: string, closing: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === "\\") i += 1;
    else if (text.startsWith(closing, i)) return i;
  }
  return -1;
}

/**
 * A text with every link it holds rewritten by `rewrite`: hrefs and plain URLs in its markup, its
 * link entities, or (plain text without entities) the http(s) URLs typed in it made links.
 */
export function trackTextLinks(content: TextContent, rewrite: LinkRewrite): TextContent {
  // A link with a {template} in it differs per person once filled in: it is sent as typed.
  const link = (url: string) => (/\{[a-z_]+\}/.test(url) ? url : rewrite(url));
  if (content.parseMode === "HTML") return { ...content, text: trackHtml(content.text, link) };
  if (content.parseMode === "MarkdownV2") return { ...content, text: trackMarkdownV2(content.text, link) };
  if (content.entities !== undefined) {
    return { ...content, entities: trackEntities(content.text, content.entities, link) };
  }
  const entities: MessageEntity[] = [];
  for (const { start, end, url } of findPlainUrls(content.text)) {
    const tracked = link(url);
    if (tracked !== url)
      entities.push({ type: "text_link", offset: start, length: end - start, url: tracked });
  }
  return entities.length === 0 ? content : { ...content, entities };
}
