import type { Services } from "../../bot/services.js";
import { locales } from "../../texts/translations.js";
import type { Actor } from "../audit/audit-log.js";
import { UserActionError } from "./user-action-error.js";

/** What setting a user's language needs. */
export type UserLanguageDeps = Pick<Services, "db" | "users" | "admins" | "audit">;

/**
 * An admin sets the language Usher speaks to a user: one of the locales Usher speaks, or null for
 * the one their Telegram reports again; audited as `users.language` with the language before and
 * after, in one transaction. Returns false, changing nothing, when the acting admin has lost their
 * rights or `language` is no locale Usher speaks (a forged button). Throws UserActionError for an
 * unknown user.
 */
export function setUserLanguage(
  deps: UserLanguageDeps,
  actor: Actor,
  { userId, language }: { userId: number; language: string | null },
): boolean {
  if (actor.kind === "admin" && !deps.admins.isAdmin(actor.id)) return false;
  const chosen = language === null ? null : locales.find((locale) => locale === language);
  if (chosen === undefined) return false;
  return deps.db.transaction(() => {
    const user = deps.users.find(userId);
    if (!user) throw new UserActionError("unknown_user", userId);
    if (user.language === chosen) return true;
    deps.users.setLanguage(userId, chosen);
    deps.audit.record({
      actor,
      action: "users.language",
      before: { userId, language: user.language },
      after: { userId, language: chosen },
    });
    return true;
  });
}
