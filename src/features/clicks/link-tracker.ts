import type { Db } from "../../db/client.js";
import { ClickRepository } from "./click-repository.js";
import { signClickToken, verifyClickToken } from "./click-token.js";

export interface LinkTrackerOptions {
  /** PUBLIC_URL without a trailing slash: tracked links are `<publicUrl>/c/<token>`. */
  publicUrl: string;
  now: () => Date;
}

/** What following a click token led to. */
export interface FollowedLink {
  url: string;
  userId: number;
  /** False when nothing was stored: a HEAD request, or a user deleted since. */
  recorded: boolean;
}

/**
 * Click tracking: wraps URLs of buttons in per-user signed links to the server's redirect, and
 * follows such links, recording who clicked what. Only URLs wrapped here are ever redirected to.
 */
export class LinkTracker {
  private readonly repository: ClickRepository;
  private key: Buffer | undefined;
  private readonly linkIds = new Map<string, number>();

  constructor(
    db: Db,
    private readonly options: LinkTrackerOptions,
  ) {
    this.repository = new ClickRepository(db);
  }

  /** Where tracked links point: `<PUBLIC_URL>/c/`. */
  get prefix(): string {
    return `${this.options.publicUrl}/c/`;
  }

  /** Whether a URL is wrapped: http(s) links are; tg:// links open Telegram itself and stay as they are. */
  static tracks(url: string): boolean {
    return /^https?:\/\//i.test(url);
  }

  private signingKey(): Buffer {
    this.key ??= this.repository.signingKey(this.options.now());
    return this.key;
  }

  /** The link to put on a button sent to `userId` instead of `url` (unchanged if not tracked). */
  wrap(url: string, userId: number): string {
    if (!LinkTracker.tracks(url)) return url;
    let linkId = this.linkIds.get(url);
    if (linkId === undefined) {
      linkId = this.repository.linkId(url, this.options.now());
      this.linkIds.set(url, linkId);
    }
    return `${this.prefix}${signClickToken(this.signingKey(), { linkId, userId })}`;
  }

  /** `wrap` for one recipient, to hand to whatever builds their buttons. */
  forUser(userId: number): (url: string) => string {
    return (url) => this.wrap(url, userId);
  }

  /**
   * The target of a token this server signed, recording the click unless `record` is false;
   * undefined for anything else (forged, tampered, unknown link, garbage).
   */
  follow(token: string, { record = true }: { record?: boolean } = {}): FollowedLink | undefined {
    const target = verifyClickToken(this.signingKey(), token);
    if (!target) return undefined;
    const url = this.repository.linkUrl(target.linkId);
    if (url === undefined) return undefined;
    const recorded = record && this.repository.recordClick(target.userId, url, this.options.now());
    return { url, userId: target.userId, recorded };
  }
}
