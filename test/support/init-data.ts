import { createHmac } from "node:crypto";
import { dataCheckString, webAppSecret } from "../../src/features/app/init-data.js";

/** A Telegram user as a Mini App's `initData` carries it. */
export interface InitDataUserJson {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

/**
 * `initData` as Telegram's client hands it to a Mini App of the bot with `botToken`: the fields
 * URL-encoded, signed with the bot's Mini App key.
 */
export function signedInitData(
  botToken: string,
  user: InitDataUserJson,
  authDate: Date,
  extra: Record<string, string> = {},
): string {
  const fields: Record<string, string> = {
    query_id: "AAHdF6IQAAAAAN0XohDhrOrc",
    user: JSON.stringify(user),
    auth_date: String(Math.floor(authDate.getTime() / 1000)),
    ...extra,
  };
  const hash = createHmac("sha256", webAppSecret(botToken))
    .update(dataCheckString(Object.entries(fields)))
    .digest("hex");
  return new URLSearchParams({ ...fields, hash }).toString();
}
