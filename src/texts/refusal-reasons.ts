import type { RefusalReason } from "../errors.js";
import { fillTemplate } from "../features/content/template.js";
import { texts as english } from "./en/refusal-reasons.js";
import { inLocale } from "./locale-scope.js";
import { localized } from "./localized.js";
import { defaultLocale } from "./translations.js";

const reasons = localized("refusal-reasons", english);

type Reasons = typeof english;
/** A feature that gives reasons for its refusals. */
export type ReasonFeature = keyof Reasons;
/** The reasons a feature may give, each a text of en/refusal-reasons.ts. */
export type ReasonId<F extends ReasonFeature> = keyof Reasons[F] & string;

/** The `{name}` placeholders of a text. */
type Placeholders<Text> = Text extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;
/** The values a reason's text names, required exactly when it names any. */
type ValuesOf<Text> = [Placeholders<Text>] extends [never]
  ? []
  : [values: Record<Placeholders<Text>, string | number>];

/**
 * The reason `id` of `feature`, its placeholders filled from `values`: English for the API, and read
 * in the locale in scope whenever the bot says it.
 */
export function refusalReason<F extends ReasonFeature, Id extends ReasonId<F>>(
  feature: F,
  id: Id,
  ...values: ValuesOf<Reasons[F][Id]>
): RefusalReason {
  const fill = (text: unknown) => fillTemplate(text as string, values[0] ?? {});
  return {
    // Read only when asked: a send loop may weigh reasons it never words.
    get english() {
      return fill(english[feature][id]);
    },
    text: () => fill(reasons[feature][id]),
  };
}

/**
 * A reason another texts module words (`words` reads it in the locale in scope, like a segment's
 * mistake): English for the API, the locale in scope whenever the bot says it.
 */
export function reasonOf(words: () => string): RefusalReason {
  return {
    get english() {
      return inLocale(defaultLocale, words);
    },
    text: words,
  };
}
