import { createHmac, timingSafeEqual } from "node:crypto";
import { AppAuthError } from "./app-errors.js";

/** How long a download link lasts: long enough for Telegram's client to start fetching it. */
export const downloadSeconds = 60;

/** What a download link fetches: a segment's users as CSV, or one user's GDPR export. */
export type AppDownload = { kind: "users_csv"; segment: string } | { kind: "user_export"; userId: number };

/** A download link's grant: whose it is, what it fetches, and until when. */
export type DownloadGrant = AppDownload & { adminId: number; expiresAt: Date };

/**
 * Signs and reads download tokens (`<base64url JSON>.<HMAC>`): links Telegram's clients fetch
 * without any header. The key has a label of its own, so a session token is never a download
 * token nor the reverse.
 */
export class AppDownloads {
  private readonly key: Buffer;

  constructor(
    botToken: string,
    private readonly now: () => Date,
  ) {
    this.key = createHmac("sha256", "UsherAppDownload").update(botToken).digest();
  }

  /** A token for `adminId` to fetch `download`, valid for `downloadSeconds`. */
  issue(adminId: number, download: AppDownload): { token: string; expiresAt: Date } {
    const expiresAt = new Date(this.now().getTime() + downloadSeconds * 1000);
    const argument = download.kind === "users_csv" ? download.segment : download.userId;
    const body = Buffer.from(
      JSON.stringify({ a: adminId, k: download.kind, v: argument, e: expiresAt.getTime() }),
    ).toString("base64url");
    return { token: `${body}.${this.sign(body)}`, expiresAt };
  }

  /** The grant `token` stands for; throws `AppAuthError` for a forged, broken or expired one. */
  read(token: string): DownloadGrant {
    const invalid = () => new AppAuthError("invalid_download", "The download link is not valid");
    const match = /^([A-Za-z0-9_-]{1,32768})\.([0-9a-f]{64})$/.exec(token);
    if (!match) throw invalid();
    const [, body, signature] = match as unknown as [string, string, string];
    if (!timingSafeEqual(Buffer.from(this.sign(body), "hex"), Buffer.from(signature, "hex"))) throw invalid();
    const {
      a: adminId,
      k: kind,
      v: argument,
      e: expiresMs,
    } = JSON.parse(Buffer.from(body, "base64url").toString()) as {
      a: number;
      k: AppDownload["kind"];
      v: string | number;
      e: number;
    };
    const expiresAt = new Date(expiresMs);
    if (expiresAt <= this.now())
      throw new AppAuthError("expired_download", "The download link has expired: ask for the file again");
    return kind === "users_csv"
      ? { kind, segment: String(argument), adminId, expiresAt }
      : { kind, userId: Number(argument), adminId, expiresAt };
  }

  private sign(body: string): string {
    return createHmac("sha256", this.key).update(body).digest("hex");
  }
}
