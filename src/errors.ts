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

/** The one base of the errors verbs throw on purpose: a kind, a stable code, words for people, the fields at fault. */
export class UsherError extends Error {
  constructor(
    readonly kind: RefusalKind,
    readonly code: string,
    message: string,
    readonly fields: readonly RefusedField[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }

  /**
   * A base for a feature's refusals of one kind, declaring their codes once: a feature's class
   * `extends UsherError.of("not_found", ["not_found"])`.
   */
  static of<const Codes extends readonly string[]>(kind: RefusalKind, codes: Codes) {
    return class extends UsherError {
      static readonly codes = codes;
      declare readonly code: Codes[number];

      constructor(code: Codes[number], message: string, fields: readonly RefusedField[] = []) {
        super(kind, code, message, fields);
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

      constructor(code: Codes[number], field: Field, message: string) {
        super("invalid", code, message, [{ field, message }]);
      }
    };
  }
}
