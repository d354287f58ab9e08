import { describe, expect, it } from "vitest";
import { texts as english } from "../../src/texts/en/bot.js";
import { englishPhrases } from "../support/menu-crawl.js";

describe("the admin-language crawls' check for English", () => {
  it("when English leaks beside what every area may show, then it is still found", () => {
    const leaked = `🌐 Язык: Telegram id · city="Kuala Lumpur" · tag:vip · Europe/Berlin · ${english.admin.cancelled}`;
    expect(englishPhrases(leaked)).toEqual(["Nothing was changed"]);
    expect(englishPhrases("Telegram Stars are charged")).toEqual(["Stars are charged"]);
    expect(englishPhrases("👤 Ann Smith", ["Ann Smith"])).toEqual([]);
    expect(englishPhrases("👤 Ann Smith")).toEqual(["Ann Smith"]);
  });
});
