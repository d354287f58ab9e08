/**
 * What sort of refusal an error is. The edges decide from it alone how to answer: the HTTP status
 * (see src/http/errors.ts) and whether the bot asks again or explains.
 */
export type RefusalKind =
  | "invalid"
  | "unauthorized"
  | "not_found"
  | "conflict"
  | "cannot"
  | "forbidden"
  | "too_many"
  | "unavailable";

/** A field of the input a refusal names, in the verb's own terms (`ratePerSecond`, `tags.add.0`). */
export interface RefusedField {
  field: string;
  message: string;
}

/**
 * Why a verb refused, in every language: the English the API answers with, and the same words in the
 * language of the work at hand for the bot (see src/texts/refusal-reasons.ts).
 */
export interface RefusalReason {
  readonly english: string;
  /** The words in the locale in scope (`inLocale`): the admin's, when the bot answers. */
  text(): string;
}

/** Words for a refusal: a translatable reason, or plain English (a refusal only the API can meet). */
export type RefusalWords = string | RefusalReason;

/** The English of a refusal's words, as the API says them. */
export const englishOf = (words: RefusalWords): string => (typeof words === "string" ? words : words.english);

/** The one base of the errors verbs throw on purpose: a kind, a stable code, words for people, the fields at fault. */
export class UsherError extends Error {
  /** The message's words in every language, when the verb gave a translatable reason. */
  readonly reason: RefusalReason | undefined;

  constructor(
    readonly kind: RefusalKind,
    readonly code: string,
    words: RefusalWords,
    readonly fields: readonly RefusedField[] = [],
  ) {
    super(englishOf(words));
    this.name = new.target.name;
    this.reason = typeof words === "string" ? undefined : words;
  }

  /**
   * A base for a feature's refusals of one kind, declaring their codes once: a feature's class
   * `extends UsherError.of("not_found", ["not_found"])`.
   */
  static of<const Codes extends readonly string[]>(kind: RefusalKind, codes: Codes) {
    return class extends UsherError {
      static readonly codes = codes;
      declare readonly code: Codes[number];

      constructor(code: Codes[number], words: RefusalWords, fields: readonly RefusedField[] = []) {
        super(kind, code, words, fields);
      }
    };
  }

  /**
   * A base for a feature's refused inputs, each naming the one field at fault (`Field` narrows its
   * names): a feature's class `extends UsherError.input(problems)<InputField>`.
   */
  static input<const Codes extends readonly string[]>(codes: Codes) {
    return class<Field extends string = string> extends UsherError {
      static readonly codes = codes;
      declare readonly code: Codes[number];

      constructor(code: Codes[number], field: Field, words: RefusalWords) {
        super("invalid", code, words, [{ field, message: englishOf(words) }]);
      }
    };
  }
}
