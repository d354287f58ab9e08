import { describe, expect, it } from "vitest";
import { isButtonUrl, parseUrlButtons } from "../../src/features/mailing/url-buttons.js";

describe("URL buttons typed by an admin", () => {
  it("when rows are lines and buttons are separated by |, then they become an inline keyboard", () => {
    expect(
      parseUrlButtons(
        "Site - https://example.com | Channel - https://t.me/example\n\nHelp - tg://resolve?domain=x",
      ),
    ).toEqual({
      ok: true,
      buttons: [
        [
          { text: "Site", url: "https://example.com" },
          { text: "Channel", url: "https://t.me/example" },
        ],
        [{ text: "Help", url: "tg://resolve?domain=x" }],
      ],
    });
  });

  it("when a label contains ' - ', then the last word after the last dash is the link", () => {
    expect(parseUrlButtons("Q&A - live - https://example.com/qa")).toEqual({
      ok: true,
      buttons: [[{ text: "Q&A - live", url: "https://example.com/qa" }]],
    });
  });

  it("when a button has no link or a bad one, then the line and button are named", () => {
    expect(parseUrlButtons("Site https://example.com")).toMatchObject({
      ok: false,
      problem: "format",
      line: 1,
    });
    expect(parseUrlButtons("A - https://a.com\nB - https://b.com | C - ftp://c.com")).toEqual({
      ok: false,
      problem: "bad_url",
      line: 2,
      button: 2,
    });
    expect(parseUrlButtons("Local - http://localhost")).toMatchObject({ ok: false, problem: "bad_url" });
    expect(parseUrlButtons("   - https://a.com")).toMatchObject({ ok: false, problem: "format" });
  });

  it("when a label is over 64 characters, then it is refused, and 64 are fine", () => {
    expect(parseUrlButtons(`${"x".repeat(65)} - https://a.com`)).toMatchObject({
      ok: false,
      problem: "label_too_long",
    });
    expect(parseUrlButtons(`${"x".repeat(64)} - https://a.com`).ok).toBe(true);
  });

  it("when a row has more than 8 buttons or there are more than 10 rows, then it is refused", () => {
    const button = "B - https://a.com";
    expect(parseUrlButtons(Array(8).fill(button).join(" | ")).ok).toBe(true);
    expect(parseUrlButtons(Array(9).fill(button).join(" | "))).toMatchObject({
      ok: false,
      problem: "too_many_in_row",
    });
    expect(parseUrlButtons(Array(10).fill(button).join("\n")).ok).toBe(true);
    expect(parseUrlButtons(Array(11).fill(button).join("\n"))).toMatchObject({
      ok: false,
      problem: "too_many_rows",
      line: 11,
    });
  });

  it("when nothing but blank lines is sent, then there are no buttons to add", () => {
    expect(parseUrlButtons(" \n \n")).toMatchObject({ ok: false, problem: "none" });
  });

  it("when links are checked, then only http(s) with a host and tg:// pass", () => {
    expect(isButtonUrl("https://example.com/path?q=1")).toBe(true);
    expect(isButtonUrl("http://sub.example.org")).toBe(true);
    expect(isButtonUrl("tg://user?id=1")).toBe(true);
    expect(isButtonUrl("javascript:alert(1)")).toBe(false);
    expect(isButtonUrl("example.com")).toBe(false);
    expect(isButtonUrl("mailto:a@b.c")).toBe(false);
  });
});
