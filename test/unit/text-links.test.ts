import { describe, expect, it } from "vitest";
import {
  trackEntities,
  trackHtml,
  trackMarkdownV2,
  trackTextLinks,
} from "../../src/features/clicks/text-links.js";

/** Tracks http(s) links as `T(<url>)`, leaving others alone, as LinkTracker.wrap does. */
const link = (url: string) =>
  /^https?:\/\//.test(url) ? `https://t.example/c/${encodeURIComponent(url)}` : url;
const tracked = (url: string) => `https://t.example/c/${encodeURIComponent(url)}`;

describe("links inside a text", () => {
  it("when HTML holds anchors, plain URLs and code, then anchors and plain URLs are tracked and code is left alone", () => {
    const html = `<b>Go</b> <a href='https://x.com/?a=1&amp;b=2'>there</a> or https://x.com/faq. <code>https://x.com/raw</code> <a href="tg://resolve?domain=x">tg</a>`;
    expect(trackHtml(html, link)).toBe(
      `<b>Go</b> <a href="${tracked("https://x.com/?a=1&b=2")}">there</a> or <a href="${tracked("https://x.com/faq")}">https://x.com/faq</a>. <code>https://x.com/raw</code> <a href="tg://resolve?domain=x">tg</a>`,
    );
  });

  it("when MarkdownV2 holds links and plain URLs, then both are tracked with escapes kept and code left alone", () => {
    const markdown = "[Deals](https://x.com/a\\)b) https://x\\.com/faq\\. `https://x.com/raw` [tg](tg://x)";
    expect(trackMarkdownV2(markdown, link)).toBe(
      `[Deals](${tracked("https://x.com/a)b").replace(")", "\\)")}) [https://x\\.com/faq](${tracked("https://x.com/faq")})\\. \`https://x.com/raw\` [tg](tg://x)`,
    );
  });

  it("when entities hold a typed URL without a scheme and a hidden link, then both become tracked hidden links over the same words", () => {
    const text = "See example.com/a and more";
    const entities = trackEntities(
      text,
      [
        { type: "url", offset: 4, length: 13 },
        { type: "bold", offset: 0, length: 3 },
        { type: "text_link", offset: 22, length: 4, url: "https://x.com/more" },
      ],
      link,
    );
    expect(entities).toEqual([
      { type: "text_link", offset: 4, length: 13, url: tracked("http://example.com/a") },
      { type: "bold", offset: 0, length: 3 },
      { type: "text_link", offset: 22, length: 4, url: tracked("https://x.com/more") },
    ]);
  });

  it("when a plain text has no entities, then its http(s) URLs become hidden links without closing punctuation or an unopened parenthesis", () => {
    const content = trackTextLinks(
      { type: "text", text: "(see https://x.com/wiki/A_(b)), https://x.com/c." },
      link,
    );
    expect(content.text).toBe("(see https://x.com/wiki/A_(b)), https://x.com/c.");
    expect(content.entities).toEqual([
      { type: "text_link", offset: 5, length: 24, url: tracked("https://x.com/wiki/A_(b)") },
      { type: "text_link", offset: 32, length: 15, url: tracked("https://x.com/c") },
    ]);
  });

  it("when a link holds a {template}, then it is left as typed so each person's filled-in link stays theirs", () => {
    const html = '<a href="https://x.com/?u={id}">Mine</a> https://x.com/{first_name} https://x.com/all';
    expect(trackTextLinks({ type: "text", text: html, parseMode: "HTML" }, link).text).toBe(
      `<a href="https://x.com/?u={id}">Mine</a> https://x.com/{first_name} <a href="${tracked("https://x.com/all")}">https://x.com/all</a>`,
    );
  });

  it("when an href holds a character reference beyond Unicode, then it is kept as written rather than failing", () => {
    expect(trackHtml('<a href="https://x.com/&#99999999;">x</a>', link)).toBe(
      `<a href="${tracked("https://x.com/&#99999999;").replace(/&/g, "&amp;")}">x</a>`,
    );
  });

  it("when a plain text holds no trackable link, then it is returned as it was", () => {
    const content = { type: "text" as const, text: "Write to tg://resolve?domain=x" };
    expect(trackTextLinks(content, link)).toBe(content);
  });
});
