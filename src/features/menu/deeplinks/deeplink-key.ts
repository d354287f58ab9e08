import { createHash } from "node:crypto";

/**
 * A short stand-in for a deeplink code in menu buttons: codes may be 64 characters, more than a
 * button's callback data leaves room for. The code is found again by comparing keys.
 */
export function deeplinkKey(code: string): string {
  return createHash("sha256").update(code).digest("hex").slice(0, 12);
}
