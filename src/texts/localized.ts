import type { TextsModule } from "./catalog.js";
import { currentLocale } from "./locale-scope.js";
import { textsIn } from "./locale-texts.js";
import { defaultLocale } from "./translations.js";

/**
 * `english` (the part at `path` of the texts module `module`) as every reader gets it: each string
 * read in the locale of the work at hand (`inLocale`), so code keeps writing `texts.captcha.intro`.
 * A string kept in a variable outside an update stays the English it was when read.
 */
export function localized<T extends object>(
  module: TextsModule,
  english: T,
  path: readonly string[] = [],
): T {
  const children = new Map<string, object>();
  return new Proxy(english, {
    get(target, key, receiver) {
      if (typeof key === "symbol") return Reflect.get(target, key, receiver);
      const own = Reflect.get(target, key, receiver) as unknown;
      if (typeof own === "object" && own !== null) {
        let child = children.get(key);
        if (child === undefined) {
          child = localized(module, own, [...path, key]);
          children.set(key, child);
        }
        return child;
      }
      const locale = currentLocale();
      if (typeof own !== "string" || locale === defaultLocale) return own;
      return valueAt(textsIn(module, locale), [...path, key]) ?? own;
    },
  });
}

function valueAt(root: unknown, path: readonly string[]): string | undefined {
  let value = root;
  for (const key of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return typeof value === "string" ? value : undefined;
}
