import type { UsherContext } from "../../bot/context.js";
import type { FormQuestionRecord, UserRecord } from "../../db/schema/index.js";
import type { Locale } from "../../texts/translations.js";
import { userLocale, variantOf } from "../gate/gate-replies.js";
import { localeOfUser } from "../language/language.js";
import { variantFor } from "../variants/variant-for.js";
import type { VariantRepository } from "../variants/variant-repository.js";

/** Whom a form speaks to: Usher's own texts in their locale, each prompt in their language if the admin wrote it. */
export interface FormReader {
  locale: Locale;
  /** The admin's variant of the question's prompt in the reader's language; undefined: the prompt itself. */
  promptOf: (question: Pick<FormQuestionRecord, "id">) => string | undefined;
}

/** The reader of this update: the person it is from. */
export function formReaderOf(ctx: UsherContext): FormReader {
  return {
    locale: userLocale(ctx),
    promptOf: (question) => variantOf(ctx, `question:${question.id}`),
  };
}

/** A user as a form's reader outside any update of theirs (a form the API sends). */
export function formReader(
  variants: Pick<VariantRepository, "find">,
  user: Pick<UserRecord, "language" | "languageCode">,
): FormReader {
  return {
    locale: localeOfUser(user),
    promptOf: (question) => variantFor(variants, `question:${question.id}`, user),
  };
}
