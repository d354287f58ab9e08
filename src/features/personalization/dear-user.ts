import type { UserRecord } from "../../db/schema/index.js";
import { texts } from "../../texts/en/bot.js";
import { textsIn, unlessEdited } from "../../texts/locale-texts.js";
import { languageOfUser, localeOfUser } from "../language/language.js";
import type { SettingsRepository } from "../settings/settings-repository.js";
import { variantFor } from "../variants/variant-for.js";
import type { VariantRepository } from "../variants/variant-repository.js";

type Speaker = Pick<UserRecord, "language" | "languageCode">;

export interface DearUserDeps {
  settings: Pick<SettingsRepository, "get">;
  variants: Pick<VariantRepository, "find">;
}

/**
 * What a user with no name is called, in their language: the admin's variant for it, else the
 * admin's edited name, else the bot's own name in that language.
 */
export function dearUserOf(deps: DearUserDeps, user: Speaker | undefined): string {
  return (
    variantFor(deps.variants, "dearUser", user) ??
    unlessEdited(
      deps.settings.get("general").dearUserName,
      texts.dearUser,
      textsIn("bot", localeOfUser(user)).dearUser,
    )
  );
}

/** `dearUserOf` for the many recipients of one batch: each language is looked up once. */
export function dearUserNames(deps: DearUserDeps): (user: Speaker) => string {
  const byLanguage = new Map<string | null, string>();
  return (user) => {
    const language = languageOfUser(user);
    let name = byLanguage.get(language);
    if (name === undefined) {
      name = dearUserOf(deps, user);
      byLanguage.set(language, name);
    }
    return name;
  };
}
