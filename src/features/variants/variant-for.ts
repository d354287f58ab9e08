import type { UserRecord } from "../../db/schema/index.js";
import { languageOfUser } from "../language/language.js";
import type { VariantRepository } from "./variant-repository.js";
import type { ContentOf, VariantSubject } from "./variant-subject.js";

/** The variant of `subject` in the user's language (chosen, else Telegram's), or undefined: send the default. */
export function variantFor<S extends VariantSubject>(
  variants: Pick<VariantRepository, "find">,
  subject: S,
  user: Pick<UserRecord, "language" | "languageCode"> | undefined,
): ContentOf<S> | undefined {
  const language = user ? languageOfUser(user) : null;
  if (language === null) return undefined;
  return variants.find(subject, language)?.content as ContentOf<S> | undefined;
}
