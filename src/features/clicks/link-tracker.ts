import type { Db } from "../../db/client.js";
import { UsherError } from "../../errors.js";
import { ClickRepository, type ClickRule } from "./click-repository.js";
import { signClickToken, verifyClickToken } from "./click-token.js";
import { type BudgetRule, RequestBudget } from "./request-budget.js";

/**
 * A person's follows of one link count once per half hour, the usual length of a web-analytics
 * visit: a double tap, a reload or going back and forth is one visit, and replaying a link adds
 * nothing. At one row per half hour, 100 rows are two days of non-stop replaying; older ones go.
 */
const clickRule: ClickRule = { windowMs: 30 * 60_000, keptPerLink: 100 };

/**
 * Requests per link and user (GET or HEAD, counted or not): 20 at once, then one every 3 s. A person
 * opening their link makes a few; a replay loop is refused after 20. Per token rather than per
 * address: behind the reverse proxy every request comes from the proxy's address.
 */
const floodRule: BudgetRule = { burst: 20, refillMs: 3_000 };

/** Too many requests for one user's link; they may come again after `retryAfterSeconds`. */
export class ClickFloodError extends UsherError.of("too_many", ["too_many_requests"]) {
  constructor(readonly retryAfterSeconds: number) {
    super("too_many_requests", `Too many requests for this link; try again in ${retryAfterSeconds} s`);
  }
}

export interface LinkTrackerOptions {
  /** PUBLIC_URL without a trailing slash: tracked links are `<publicUrl>/c/<token>`. */
  publicUrl: string;
  now: () => Date;
}

/** What a tracked link belongs to: a sequence step, or nothing in particular. */
export interface LinkOwner {
  stepId?: number;
}

/** What following a click token led to. */
export interface FollowedLink {
  url: string;
  userId: number;
  /** False when nothing was stored: a HEAD request, a repeat within `clickRule`'s window, or a user deleted since. */
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
  private readonly budget = new RequestBudget(floodRule);

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

  /**
   * The link to put on a button sent to `userId` instead of `url` (unchanged if not tracked); one
   * carried by a sequence step is that step's link, so its clicks count for the step.
   */
  wrap(url: string, userId: number, owner: LinkOwner = {}): string {
    if (!LinkTracker.tracks(url)) return url;
    const stepId = owner.stepId ?? null;
    const cacheKey = `${stepId ?? ""} ${url}`;
    let linkId = this.linkIds.get(cacheKey);
    if (linkId === undefined) {
      linkId = this.repository.linkId({ url, stepId }, this.options.now());
      this.linkIds.set(cacheKey, linkId);
    }
    return `${this.prefix}${signClickToken(this.signingKey(), { linkId, userId })}`;
  }

  /** `wrap` for one recipient (of one step, if given), to hand to whatever builds their buttons. */
  forUser(userId: number, owner: LinkOwner = {}): (url: string) => string {
    return (url) => this.wrap(url, userId, owner);
  }

  /**
   * The target of a token this server signed, recording the click unless `record` is false;
   * undefined for anything else (forged, tampered, unknown link, garbage). Throws ClickFloodError
   * when the token is asked for faster than `floodRule` allows.
   */
  follow(token: string, { record = true }: { record?: boolean } = {}): FollowedLink | undefined {
    const target = verifyClickToken(this.signingKey(), token);
    if (!target) return undefined;
    const now = this.options.now();
    const waitMs = this.budget.take(`${target.linkId}.${target.userId}`, now.getTime());
    if (waitMs > 0) throw new ClickFloodError(Math.ceil(waitMs / 1000));
    const link = this.repository.link(target.linkId);
    if (link === undefined) return undefined;
    const recorded = record && this.repository.recordClick(target.userId, link, now, clickRule) === "counted";
    return { url: link.url, userId: target.userId, recorded };
  }
}
