import type { Services } from "../../bot/services.js";
import { AppDownloads } from "./app-downloads.js";
import { AppAccessError } from "./app-errors.js";
import { type AppSession, AppSessions } from "./app-session.js";
import { type InitDataUser, verifyInitData, webAppSecret } from "./init-data.js";

/** What the Mini App's door needs: the key Telegram signs with, and where sessions and download links come from. */
export interface AppKeys {
  webAppSecret: Buffer;
  sessions: AppSessions;
  downloads: AppDownloads;
}

/** The keys of one bot's Mini App, all derived from its token. */
export function createAppKeys(botToken: string, now: () => Date): AppKeys {
  return {
    webAppSecret: webAppSecret(botToken),
    sessions: new AppSessions(botToken, now),
    downloads: new AppDownloads(botToken, now),
  };
}

/**
 * Opens a Mini App session for the admin Telegram's `initData` names: a forged or stale signature
 * is refused (`AppAuthError`), a non-admin too (`AppAccessError`); each session opened is audited.
 */
export function openSession(
  deps: Pick<Services, "admins" | "audit" | "now">,
  keys: AppKeys,
  initData: string,
): AppSession & { token: string; user: InitDataUser } {
  const { user } = verifyInitData(initData, keys.webAppSecret, deps.now());
  if (!deps.admins.isAdmin(user.id)) throw new AppAccessError(user.id);
  const session = keys.sessions.issue(user.id);
  deps.audit.record({
    actor: { kind: "admin", id: user.id },
    action: "app.session",
    after: { expiresAt: session.expiresAt.toISOString() },
  });
  return { ...session, user };
}
