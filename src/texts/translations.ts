import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { FluentBundle, FluentResource } from "@fluent/bundle";

/**
 * The languages Usher speaks. English is the code's own (the modules of src/texts: typed, so a
 * misspelled key does not compile); every other one is a Fluent file per module in
 * `locales/<locale>/<module>.ftl`, rendered by @fluent/bundle.
 */
export const locales = ["en", "ru", "es"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "en";

/**
 * The language Usher speaks nearest to one Telegram reports (an IETF tag: "ru", "es-419", "pt-br"):
 * its primary language, English when Usher does not speak it.
 */
export function localeOf(languageCode: string | null | undefined): Locale {
  const primary = languageCode?.trim().toLowerCase().split(/[-_]/)[0];
  return locales.find((locale) => locale === primary) ?? defaultLocale;
}

/** A texts module with its strings widened: a translation is not the English literal. */
export type Localized<T> = T extends string
  ? string
  : T extends (...args: never[]) => unknown
    ? T
    : { [K in keyof T]: Localized<T[K]> };

/** One string of a texts module: its Fluent message id and its English. */
export interface Entry {
  id: string;
  english: string;
}

/** The strings of `module` (functions stay English), each with the Fluent id of its path: `joinCheck.prompt` → `join-check-prompt`. */
export function entriesOf(module: unknown, path: string[] = []): Entry[] {
  if (typeof module === "string") return [{ id: path.map(kebab).join("-"), english: module }];
  if (typeof module !== "object" || module === null) return [];
  return Object.entries(module).flatMap(([key, value]) => entriesOf(value, [...path, key]));
}

/** Usher's own placeholders in a text (`{first_name}`, `{attr.plan|free}`), sorted. */
export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(/\{[^{}\s]+\}/g)].map((match) => match[0]).sort();
}

/**
 * A Fluent message carrying `english`, as a translator starts from: Usher's `{first_name}` becomes
 * `{ $first_name }`; a placeholder Fluent cannot name (`{attr.plan|free}`), a brace, and what Fluent
 * would trim or read as syntax are quoted.
 */
export function ftlOf(entry: Entry): string {
  const quote = (text: string) => `{ ${JSON.stringify(text)} }`;
  const line = (text: string) =>
    text
      .replace(/\{([^{}\s]*)\}|[{}]/g, (match, name: string | undefined) =>
        name !== undefined && /^[a-zA-Z][\w-]*$/.test(name) ? `{ $${name} }` : quote(match),
      )
      .replace(/^[ \t]+|[ \t]+$/g, quote)
      .replace(/^[[*.]/, quote);
  const lines = entry.english.split("\n");
  if (entry.english === "") return `${entry.id} = ${quote("")}`;
  if (lines.length === 1) return `${entry.id} = ${line(entry.english)}`;
  // A blank line inside a multiline message is kept; at its ends Fluent would drop it.
  const body = lines.map((text, i) =>
    text === "" && (i === 0 || i === lines.length - 1) ? quote("") : line(text),
  );
  return `${entry.id} =\n${body.map((text) => (text === "" ? "" : `    ${text}`)).join("\n")}`;
}

/** What a locale's files said wrong: a syntax error, or a message that could not be rendered. */
export interface TranslationProblem {
  locale: string;
  module: string;
  problem: string;
}

/**
 * The translations of every texts module into every locale, read once from `directory`. A string
 * without a translation stays English (the locale test names every one missing).
 */
export class Translations {
  private readonly modules = new Map<string, Map<string, string>>();
  private readonly cache = new Map<string, unknown>();
  readonly problems: TranslationProblem[] = [];

  constructor(private readonly directory = defaultDirectory()) {}

  /** `english` (the texts module named `module`) in `locale`: its strings translated where the locale has them. */
  of<T>(module: string, english: T, locale: Locale): Localized<T> {
    if (locale === defaultLocale) return english as Localized<T>;
    const key = `${locale}/${module}`;
    let localized = this.cache.get(key) as Localized<T> | undefined;
    if (localized === undefined) {
      const messages = this.messages(locale, module);
      localized = translate(english, [], messages) as Localized<T>;
      this.cache.set(key, localized);
    }
    return localized;
  }

  /** The messages of one locale's file for `module`, rendered to Usher templates (id → text). */
  messages(locale: string, module: string): Map<string, string> {
    const key = `${locale}/${module}`;
    let messages = this.modules.get(key);
    if (messages === undefined) {
      messages = this.load(locale, module);
      this.modules.set(key, messages);
    }
    return messages;
  }

  private load(locale: string, module: string): Map<string, string> {
    const messages = new Map<string, string>();
    const file = join(this.directory, locale, `${module}.ftl`);
    if (!existsSync(file)) return messages;
    const resource = new FluentResource(readFileSync(file, "utf8"));
    // Usher fills the placeholders later: no isolation marks around them.
    const bundle = new FluentBundle(locale, { useIsolating: false });
    for (const error of bundle.addResource(resource)) {
      this.problems.push({ locale, module, problem: String(error) });
    }
    for (const { id } of resource.body) {
      const message = bundle.getMessage(id);
      if (message?.value == null) continue;
      const errors: Error[] = [];
      const text = bundle.formatPattern(message.value, asPlaceholders, errors);
      for (const error of errors) this.problems.push({ locale, module, problem: `${id}: ${error.message}` });
      messages.set(id, text);
    }
    // Messages that are not valid Fluent are skipped by the parser: name them (they are not in the body).
    const parsed = new Set(resource.body.map((message) => message.id));
    for (const [, id] of readFileSync(file, "utf8").matchAll(/^([a-zA-Z][\w-]*)\s*=/gm)) {
      if (id !== undefined && !parsed.has(id))
        this.problems.push({ locale, module, problem: `${id}: not valid Fluent` });
    }
    return messages;
  }
}

/** Every variable a message names renders as Usher's own placeholder: `{ $first_name }` → `{first_name}`. */
const asPlaceholders = new Proxy<Record<string, string>>(
  {},
  {
    getOwnPropertyDescriptor: (_, name) => ({
      value: `{${String(name)}}`,
      writable: false,
      enumerable: true,
      configurable: true,
    }),
    get: (_, name) => `{${String(name)}}`,
  },
);

function translate(value: unknown, path: string[], messages: Map<string, string>): unknown {
  if (typeof value === "string") return messages.get(path.map(kebab).join("-")) ?? value;
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key, translate(inner, [...path, key], messages)]),
  );
}

function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** `locales/` beside `src/` (or `dist/`). */
function defaultDirectory(): string {
  return join(dirname(fileURLToPath(import.meta.url)), "..", "..", "locales");
}
