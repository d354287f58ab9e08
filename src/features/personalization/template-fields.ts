import { UsherError } from "../../errors.js";
import { compiledTemplate } from "./compiled-template.js";

/** The name fields every template had before custom fields, with the Dear User fallback. */
export const nameFields = ["first_name", "last_name", "full_name", "username", "id"] as const;

/**
 * Profile fields a template may use. `country` has no column: it is the attribute `country`, the
 * same one the segment `country=Malaysia` compares.
 */
export const profileTemplateFields = ["email", "phone", "language", "timezone", "gender", "country"] as const;

/** `{attr.<key>}`: any custom attribute; keys are free-form, so any well-formed key is allowed. */
export const attributeFieldPrefix = "attr.";
const attributeKeyPattern = /^[a-z0-9_]{1,64}$/;

const knownFields: ReadonlySet<string> = new Set<string>([...nameFields, ...profileTemplateFields]);

/** The attribute key a field reads (`attr.plan` → `plan`, `country` → `country`), or null. */
export function attributeKeyOf(field: string): string | null {
  if (field === "country") return "country";
  if (!field.startsWith(attributeFieldPrefix)) return null;
  const key = field.slice(attributeFieldPrefix.length);
  return attributeKeyPattern.test(key) ? key : null;
}

/** Whether a template may use `field`; `extra` names fields one text adds (the referral link's `link`). */
export function isKnownField(field: string, extra: readonly string[] = []): boolean {
  return knownFields.has(field) || attributeKeyOf(field) !== null || extra.includes(field);
}

/** The fields of `text` no recipient has, in order of first use. */
export function unknownFields(text: string, extra: readonly string[] = []): string[] {
  return compiledTemplate(text).fields.filter((field) => !isKnownField(field, extra));
}

/** A text uses a field no user has: it would go out as `{…}`; nothing was stored. */
export class UnknownTemplateFieldError extends UsherError.input(["unknown_template_field"]) {
  constructor(
    /** The input field holding the text, in the verb's terms (`text`, `maintenance.text`). */
    field: string,
    readonly templateField: string,
  ) {
    const message = `{${templateField}} is no field a template can fill: use a name field (${nameFields.join(", ")}), a profile field (${profileTemplateFields.join(", ")}) or attr.<key>`;
    super("unknown_template_field", field, message);
  }
}

/** Throws `UnknownTemplateFieldError` for the first unknown field of `text` (saved under `field`). */
export function checkTemplateFields(text: string, field: string, extra: readonly string[] = []): void {
  const [unknown] = unknownFields(text, extra);
  if (unknown !== undefined) throw new UnknownTemplateFieldError(field, unknown);
}
