/** Telegram allows 1–64 characters of A-Za-z0-9_- in a /start payload; anything else is forged or broken. */
const validPayload = /^[A-Za-z0-9_-]{1,64}$/;
const startCommand = /^\/start(?:@[A-Za-z0-9_]+)?(?:\s+([\s\S]*))?$/;

export type StartCommand = { payload: string | null; rejectedPayload: string | null };

/** Reads `/start` and its payload from a message text; null when the text is not a /start command. */
export function parseStartCommand(text: string | undefined): StartCommand | null {
  if (text === undefined) return null;
  const match = startCommand.exec(text);
  if (!match) return null;
  const raw = match[1]?.trim() ?? "";
  if (raw === "") return { payload: null, rejectedPayload: null };
  return validPayload.test(raw)
    ? { payload: raw, rejectedPayload: null }
    : { payload: null, rejectedPayload: raw };
}

export type PayloadMeaning =
  | { kind: "user_referral"; code: string }
  | { kind: "campaign"; code: string }
  | { kind: "other"; code: string };

/** What a payload may be, by its prefix: `r<code>` a user's link, `a<code>` a campaign link. */
export function payloadMeaning(payload: string): PayloadMeaning {
  if (payload.length > 1 && payload.startsWith("r")) return { kind: "user_referral", code: payload.slice(1) };
  if (payload.length > 1 && payload.startsWith("a")) return { kind: "campaign", code: payload.slice(1) };
  return { kind: "other", code: payload };
}

/** `t.me/<bot>?start=<payload>`: the link that opens the bot with a payload. */
export function startLink(botUsername: string, payload: string): string {
  return `https://t.me/${botUsername}?start=${payload}`;
}
