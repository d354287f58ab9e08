import { createHmac, timingSafeEqual } from "node:crypto";
import { AppAuthError } from "./app-errors.js";

/** How long a Mini App session lasts; the app opens a new one with fresh `initData` after. */
export const sessionSeconds = 3600;

/** A Mini App session: whose it is and until when. */
export interface AppSession {
  userId: number;
  expiresAt: Date;
}

/**
 * Signs and reads session tokens (`<user id>.<expiry ms>.<HMAC>`): nothing is stored, so every
 * instance accepts every other's, and a restart keeps sessions. The key is derived from the bot
 * token under a label of its own, so a token is never a valid Telegram signature or the reverse.
 */
export class AppSessions {
  private readonly key: Buffer;

  constructor(
    botToken: string,
    private readonly now: () => Date,
  ) {
    this.key = createHmac("sha256", "UsherAppSession").update(botToken).digest();
  }

  /** A new session for `userId`, valid for `sessionSeconds`. */
  issue(userId: number): AppSession & { token: string } {
    const expiresAt = new Date(this.now().getTime() + sessionSeconds * 1000);
    const body = `${userId}.${expiresAt.getTime()}`;
    return { userId, expiresAt, token: `${body}.${this.sign(body)}` };
  }

  /** The session `token` stands for; throws `AppAuthError` for a forged, broken or expired one. */
  read(token: string): AppSession {
    const match = /^(\d{1,16})\.(\d{1,16})\.([0-9a-f]{64})$/.exec(token);
    if (!match) throw new AppAuthError("invalid_session", "The session token is not valid");
    const [, userId, expiresMs, signature] = match as unknown as [string, string, string, string];
    const expected = Buffer.from(this.sign(`${userId}.${expiresMs}`), "hex");
    if (!timingSafeEqual(expected, Buffer.from(signature, "hex")))
      throw new AppAuthError("invalid_session", "The session token is not valid");
    const expiresAt = new Date(Number(expiresMs));
    if (expiresAt <= this.now())
      throw new AppAuthError("expired_session", "The session has expired: open the app again");
    return { userId: Number(userId), expiresAt };
  }

  private sign(body: string): string {
    return createHmac("sha256", this.key).update(body).digest("hex");
  }
}
