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
  override name = "UsherError";

  constructor(
    readonly kind: RefusalKind,
    readonly code: string,
    message: string,
    readonly fields: readonly RefusedField[] = [],
  ) {
    super(message);
  }
}
