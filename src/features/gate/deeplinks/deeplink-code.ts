import { randomCode } from "../../users/random-code.js";
import { payloadMeaning } from "../start-payload.js";

/** What Telegram allows in a /start payload, and so in a deeplink code. */
export const deeplinkCodePattern = /^[A-Za-z0-9_-]{1,64}$/;

export type DeeplinkCodeCheck = { ok: true } | { ok: false; problem: "format" | "referral_prefix" };

/**
 * Whether `code` can be a deeplink: a valid /start payload that the gate would not read as a user
 * referral (`r<code>`) or campaign (`a<code>`) link instead.
 */
export function checkDeeplinkCode(code: string): DeeplinkCodeCheck {
  if (!deeplinkCodePattern.test(code)) return { ok: false, problem: "format" };
  if (payloadMeaning(code).kind !== "other") return { ok: false, problem: "referral_prefix" };
  return { ok: true };
}

/** A fresh random code that passes `checkDeeplinkCode` and is not taken. */
export function generateDeeplinkCode(
  isTaken: (code: string) => boolean,
  next: () => string = () => randomCode(8),
): string {
  for (let attempt = 0; attempt < 1000; attempt++) {
    const code = next();
    if (checkDeeplinkCode(code).ok && !isTaken(code)) return code;
  }
  throw new Error("could not generate a free deeplink code");
}
