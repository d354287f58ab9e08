import { createHmac, timingSafeEqual } from "node:crypto";

/** What a click token names: a tracked link and the user it was sent to. */
export interface ClickTarget {
  linkId: number;
  userId: number;
}

/** Bytes of HMAC-SHA256 kept in a token: 128 bits, far beyond guessing one link for one user. */
const macBytes = 16;
const macLength = Math.ceil((macBytes * 4) / 3);
const tokenPattern = new RegExp(`^([0-9a-z]{1,11})\\.(-?[0-9a-z]{1,11})\\.([A-Za-z0-9_-]{${macLength}})$`);

function mac(key: Buffer, target: ClickTarget): Buffer {
  // The prefix keeps these MACs apart from anything else the key might ever sign.
  return createHmac("sha256", key)
    .update(`usher-click-v1:${target.linkId}:${target.userId}`)
    .digest()
    .subarray(0, macBytes);
}

/** `<link id>.<user id>.<mac>`: ids in base 36, the MAC in base64url; safe in a URL path as is. */
export function signClickToken(key: Buffer, target: ClickTarget): string {
  const { linkId, userId } = target;
  if (!Number.isSafeInteger(linkId) || linkId <= 0 || !Number.isSafeInteger(userId)) {
    throw new RangeError(`cannot sign a click token for link ${linkId} and user ${userId}`);
  }
  return `${linkId.toString(36)}.${userId.toString(36)}.${mac(key, target).toString("base64url")}`;
}

/** Parses a base-36 id written the one way `toString(36)` writes it (no leading zeros, no "-0"). */
function canonicalId(text: string): number | undefined {
  const value = Number.parseInt(text, 36);
  return Number.isSafeInteger(value) && value.toString(36) === text ? value : undefined;
}

/** The link and user a token names when it is well formed and signed with `key`; undefined otherwise. */
export function verifyClickToken(key: Buffer, token: string): ClickTarget | undefined {
  const match = tokenPattern.exec(token);
  if (!match) return undefined;
  const linkId = canonicalId(match[1] as string);
  const userId = canonicalId(match[2] as string);
  if (linkId === undefined || linkId <= 0 || userId === undefined) return undefined;
  const target = { linkId, userId };
  const given = Buffer.from(match[3] as string, "base64url");
  // One spelling per MAC: the last character's spare bits must be zero, as the encoder leaves them.
  if (given.length !== macBytes || given.toString("base64url") !== match[3]) return undefined;
  return timingSafeEqual(given, mac(key, target)) ? target : undefined;
}
