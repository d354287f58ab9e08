import { createHmac, timingSafeEqual } from "node:crypto";
import { AppAuthError } from "./app-errors.js";

/** How old Telegram's signature on `initData` may be when a session is opened with it. */
export const initDataMaxAgeSeconds = 86_400;
/** A signature from a clock this far ahead of ours still counts (phones' clocks drift). */
const clockSkewSeconds = 300;
/** Telegram's `initData` is a few hundred bytes; anything far longer is not from Telegram. */
const maxInitDataLength = 8192;

/** The Telegram user a Mini App was opened by, as `initData` names them. */
export interface InitDataUser {
  id: number;
  firstName: string;
  lastName?: string;
  username?: string;
  languageCode?: string;
}

/** What a verified `initData` vouches for. */
export interface VerifiedInitData {
  user: InitDataUser;
  authDate: Date;
}

/** The key Telegram signs a bot's Mini App data with: HMAC-SHA256 of the bot token keyed by "WebAppData". */
export function webAppSecret(botToken: string): Buffer {
  return createHmac("sha256", "WebAppData").update(botToken).digest();
}

/** Telegram's data-check-string: every field but `hash`, sorted by name, `name=value`, one per line. */
export function dataCheckString(fields: Iterable<[string, string]>): string {
  return [...fields]
    .filter(([name]) => name !== "hash")
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join("\n");
}

const invalid = (why: string) => new AppAuthError("invalid_init_data", `initData is not valid: ${why}`);

function userOf(raw: string | null): InitDataUser {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw ?? "");
  } catch {
    throw invalid("user is not JSON");
  }
  const user = parsed as Record<string, unknown> | null;
  if (typeof user !== "object" || user === null || !Number.isSafeInteger(user.id) || (user.id as number) <= 0)
    throw invalid("user has no id");
  const text = (value: unknown) => (typeof value === "string" ? value : undefined);
  const lastName = text(user.last_name);
  const username = text(user.username);
  const languageCode = text(user.language_code);
  return {
    id: user.id as number,
    firstName: text(user.first_name) ?? "",
    ...(lastName !== undefined && { lastName }),
    ...(username !== undefined && { username }),
    ...(languageCode !== undefined && { languageCode }),
  };
}

/**
 * Checks `initData` as Telegram documents it (the HMAC of its data-check-string under
 * `webAppSecret`, compared in constant time) and that it was signed within `maxAgeSeconds`.
 * Throws `AppAuthError`; returns the user it names.
 */
export function verifyInitData(
  initData: string,
  secret: Buffer,
  now: Date,
  maxAgeSeconds = initDataMaxAgeSeconds,
): VerifiedInitData {
  if (initData.length === 0 || initData.length > maxInitDataLength) throw invalid("empty or too long");
  const params = new URLSearchParams(initData);
  const names = [...params.keys()];
  if (new Set(names).size !== names.length) throw invalid("a field is repeated");
  const hash = params.get("hash") ?? "";
  if (!/^[0-9a-f]{64}$/.test(hash)) throw invalid("no hash");
  const expected = createHmac("sha256", secret).update(dataCheckString(params.entries())).digest();
  if (!timingSafeEqual(expected, Buffer.from(hash, "hex"))) throw invalid("the signature does not match");
  const authSeconds = Number(params.get("auth_date"));
  if (!Number.isSafeInteger(authSeconds) || authSeconds <= 0) throw invalid("no auth_date");
  const ageSeconds = now.getTime() / 1000 - authSeconds;
  if (ageSeconds < -clockSkewSeconds) throw invalid("auth_date is in the future");
  if (ageSeconds > maxAgeSeconds)
    throw new AppAuthError("expired_init_data", "initData is too old: open the app from the bot again");
  return { user: userOf(params.get("user")), authDate: new Date(authSeconds * 1000) };
}
