import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { catalog } from "../../src/texts/catalog.js";
import {
  defaultLocale,
  entriesOf,
  ftlOf,
  localeOf,
  locales,
  placeholdersOf,
  Translations,
} from "../../src/texts/translations.js";

const modules = Object.entries(catalog);
const translations = new Translations();

describe("locales", () => {
  it("when a module's English is written as Fluent and read back, then every text is the same, placeholders and odd spacing included", () => {
    const directory = mkdtempSync(join(tmpdir(), "usher-locales-"));
    try {
      mkdirSync(join(directory, "xx"));
      for (const [module, english] of modules) {
        writeFileSync(join(directory, "xx", `${module}.ftl`), entriesOf(english).map(ftlOf).join("\n"));
      }
      const readBack = new Translations(directory);
      for (const [module, english] of modules) {
        const messages = readBack.messages("xx", module);
        for (const entry of entriesOf(english)) expect(messages.get(entry.id), entry.id).toBe(entry.english);
      }
      expect(readBack.problems).toEqual([]);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it("when a message id comes from two paths of one module, then the test says so (ids must be unique)", () => {
    for (const [module, english] of modules) {
      const ids = entriesOf(english).map((entry) => entry.id);
      expect(
        ids.filter((id, i) => ids.indexOf(id) !== i),
        module,
      ).toEqual([]);
    }
  });

  for (const locale of locales.filter((l) => l !== defaultLocale)) {
    it(`when the bot speaks ${locale}, then every text of every module is translated, with the same placeholders and nothing unknown`, () => {
      const missing: string[] = [];
      const wrong: string[] = [];
      const unknown: string[] = [];
      for (const [module, english] of modules) {
        const messages = translations.messages(locale, module);
        const entries = entriesOf(english);
        for (const entry of entries) {
          const text = messages.get(entry.id);
          if (text === undefined) missing.push(`${module}.ftl: ${ftlOf(entry)}`);
          else if (placeholdersOf(text).join() !== placeholdersOf(entry.english).join())
            wrong.push(
              `${module}.ftl ${entry.id}: ${placeholdersOf(text).join(" ")} (English: ${placeholdersOf(entry.english).join(" ")})`,
            );
        }
        const known = new Set(entries.map((entry) => entry.id));
        for (const id of messages.keys()) if (!known.has(id)) unknown.push(`${module}.ftl: ${id}`);
      }
      const problems = translations.problems.filter((p) => p.locale === locale);
      expect(problems, "Fluent syntax").toEqual([]);
      // The English of each missing message, as Fluent to translate into locales/<locale>/<module>.ftl.
      expect(missing, `missing in locales/${locale}/`).toEqual([]);
      expect(wrong, "placeholders that differ from the English").toEqual([]);
      expect(unknown, "messages no module has (renamed or removed)").toEqual([]);
    });
  }

  it("when Telegram reports a language, then the nearest one Usher speaks is taken, English otherwise", () => {
    expect(localeOf("ru")).toBe("ru");
    expect(localeOf("es-419")).toBe("es");
    expect(localeOf("pt-br")).toBe("en");
    expect(localeOf(undefined)).toBe("en");
    expect(localeOf("")).toBe("en");
  });
});
