import { describe, expect, it } from "vitest";
import { escapeForParseMode, renderTextContent } from "../../src/features/content/text-content.js";
import type { RecipientFields } from "../../src/features/personalization/recipient-fields.js";

const named = (firstName: string): RecipientFields => ({
  recipient: { id: 1, firstName, lastName: null, username: null },
  attribute: () => undefined,
  dearUser: "Dear User",
});

describe("escapeForParseMode", () => {
  it("when a value holds HTML's special characters, then each becomes its entity", () => {
    expect(escapeForParseMode(`<b>Tom & "Jerry"</b>`, "HTML")).toBe(
      "&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;",
    );
  });

  it("when a value holds every MarkdownV2 reserved character, then each gets a backslash", () => {
    const reserved = "_*[]()~`>#+-=|{}.!\\";
    expect(escapeForParseMode(`a${reserved}z`, "MarkdownV2")).toBe(
      `a${[...reserved].map((c) => `\\${c}`).join("")}z`,
    );
  });
});

describe("renderTextContent", () => {
  it("when a text has a parse mode, then values are escaped for it, fallbacks kept as markup, and no entities are sent", () => {
    const out = renderTextContent(
      {
        type: "text",
        text: "<i>{first_name}</i> {attr.plan|<b>free</b>} {nope}",
        parseMode: "HTML",
        disableLinkPreview: true,
      },
      named("<Ann>"),
    );
    expect(out).toEqual({
      text: "<i>&lt;Ann&gt;</i> <b>free</b> ",
      formatting: { parse_mode: "HTML", link_preview_options: { is_disabled: true } },
    });
  });

  it("when a text has entities and no parse mode, then values are left as they are and entities move", () => {
    const out = renderTextContent(
      { type: "text", text: "{first_name} hi", entities: [{ type: "bold", offset: 13, length: 2 }] },
      named("<b>"),
    );
    expect(out).toEqual({
      text: "<b> hi",
      formatting: { entities: [{ type: "bold", offset: 4, length: 2 }] },
    });
  });

  it("when no values are given (a preview), then the text is sent as typed", () => {
    expect(renderTextContent({ type: "text", text: "*{first_name}*", parseMode: "MarkdownV2" })).toEqual({
      text: "*{first_name}*",
      formatting: { parse_mode: "MarkdownV2" },
    });
  });
});
