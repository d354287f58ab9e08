import type { Db } from "../../db/client.js";
import type { TextVariantRecord } from "../../db/schema/index.js";
import { UsherError } from "../../errors.js";
import type { Actor } from "../audit/audit-log.js";
import type { AuditLog } from "../audit/audit-repository.js";
import { checkedLanguage } from "../language/language.js";
import type { VariantRepository } from "./variant-repository.js";
import { checkedVariantContent, existingSubject, type SubjectOwners } from "./variant-subject.js";

/** What the variant verbs work with (a subset of the bot's services). */
export interface VariantServices extends SubjectOwners {
  db: Db;
  variants: VariantRepository;
  audit: AuditLog;
  now: () => Date;
}

/** A language that is no primary language subtag (2 or 3 letters, `ru`, `pt-BR` → `pt`). */
export class InvalidLanguageError extends UsherError.of("invalid", ["invalid_language"]) {
  constructor(language: string) {
    super(
      "invalid_language",
      `${language.slice(0, 32)} is no language code: 2 or 3 letters such as ru, es or pt`,
    );
  }
}

const checkedVariantLanguage = (language: string) =>
  checkedLanguage(language, (refused) => new InvalidLanguageError(refused));

/** The variants of a text, by language; throws `UnknownSubjectError` when the text does not exist. */
export function variantsOf(
  services: Pick<VariantServices, "variants" | keyof SubjectOwners>,
  subject: string,
): TextVariantRecord[] {
  existingSubject(services, subject);
  return services.variants.list(subject);
}

/**
 * Writes (or replaces) the variant of a text in one language, checked like the text's default, and
 * audits `variants.set`. Throws `UnknownSubjectError`, `InvalidLanguageError` or the default's input error.
 */
export function setVariant(
  services: VariantServices,
  actor: Actor,
  input: { subject: string; language: string; content: unknown },
): TextVariantRecord {
  const language = checkedVariantLanguage(input.language);
  return services.db.transaction(() => {
    const parsed = existingSubject(services, input.subject);
    const content = checkedVariantContent(parsed, input.content, services);
    const { before, after } = services.variants.set(
      {
        subject: input.subject,
        language,
        content,
        updatedBy: actor.kind === "admin" ? actor.id : null,
      },
      services.now(),
    );
    services.audit.record({
      actor,
      action: "variants.set",
      ...(before && { before: { subject: input.subject, language, content: before.content } }),
      after: { subject: input.subject, language, content },
    });
    return after;
  });
}

/**
 * Deletes the variant of a text in one language and audits `variants.remove`; undefined when it had
 * none. Throws `UnknownSubjectError` or `InvalidLanguageError`.
 */
export function removeVariant(
  services: VariantServices,
  actor: Actor,
  input: { subject: string; language: string },
): TextVariantRecord | undefined {
  const language = checkedVariantLanguage(input.language);
  return services.db.transaction(() => {
    existingSubject(services, input.subject);
    const removed = services.variants.remove(input.subject, language);
    if (removed) {
      services.audit.record({
        actor,
        action: "variants.remove",
        before: { subject: input.subject, language, content: removed.content },
      });
    }
    return removed;
  });
}
