import { randomBytes } from "node:crypto";
import { and, desc, eq, lt, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { linkClicks, serverSecrets, trackedLinks, users } from "../../db/schema/index.js";

const signingKeyName = "click_links";

/** Which follows of a link count, and how many of them are kept per user and link. */
export interface ClickRule {
  /** A follow within this long of the user's last counted click on the same URL is not counted again. */
  windowMs: number;
  /** Stored clicks per user and URL; older ones are deleted as new ones come. */
  keptPerLink: number;
}

/** What following a link did to the records: counted, a repeat inside the window, or no such user. */
export type ClickOutcome = "counted" | "repeat" | "no_user";

/** Tracked links, their clicks and the key that signs click tokens. */
export class ClickRepository {
  private readonly statements;

  constructor(private readonly db: Db) {
    this.statements = {
      linkId: db
        .select({ id: trackedLinks.id })
        .from(trackedLinks)
        .where(eq(trackedLinks.url, sql.placeholder("url")))
        .prepare(),
      linkUrl: db
        .select({ url: trackedLinks.url })
        .from(trackedLinks)
        .where(eq(trackedLinks.id, sql.placeholder("id")))
        .prepare(),
      lastClickAt: db
        .select({ at: linkClicks.at })
        .from(linkClicks)
        .where(
          and(eq(linkClicks.userId, sql.placeholder("userId")), eq(linkClicks.url, sql.placeholder("url"))),
        )
        .orderBy(desc(linkClicks.id))
        .limit(1)
        .prepare(),
      countClick: db
        .update(users)
        .set({ clickCount: sql`${users.clickCount} + 1` })
        .where(eq(users.id, sql.placeholder("userId")))
        .prepare(),
    };
  }

  /** The key click tokens are signed with: 32 random bytes made at first use and kept from then on. */
  signingKey(now: Date): Buffer {
    // Another process may store its key first; then both read that one.
    this.db
      .insert(serverSecrets)
      .values({ name: signingKeyName, value: randomBytes(32).toString("base64url"), createdAt: now })
      .onConflictDoNothing()
      .run();
    const row = this.db
      .select({ value: serverSecrets.value })
      .from(serverSecrets)
      .where(eq(serverSecrets.name, signingKeyName))
      .get();
    if (!row) throw new Error("the click-link signing key could not be stored");
    return Buffer.from(row.value, "base64url");
  }

  /** The id of a tracked URL, stored now if it is new. */
  linkId(url: string, now: Date): number {
    const found = this.statements.linkId.get({ url });
    if (found) return found.id;
    this.db.insert(trackedLinks).values({ url, createdAt: now }).onConflictDoNothing().run();
    const stored = this.statements.linkId.get({ url });
    if (!stored) throw new Error("a tracked link could not be stored");
    return stored.id;
  }

  linkUrl(id: number): string | undefined {
    return this.statements.linkUrl.get({ id })?.url;
  }

  /**
   * Records that the user followed the URL and counts it as a click, unless their last counted click
   * on it is within the rule's window; keeps the user's newest clicks on the URL only.
   */
  recordClick(userId: number, url: string, at: Date, rule: ClickRule): ClickOutcome {
    return this.db.transaction((tx): ClickOutcome => {
      const last = this.statements.lastClickAt.get({ userId, url });
      if (last && at.getTime() - last.at.getTime() < rule.windowMs) return "repeat";
      if (this.statements.countClick.run({ userId }).changes === 0) return "no_user";
      tx.insert(linkClicks).values({ userId, url, at }).run();
      const oldestKept = tx
        .select({ id: linkClicks.id })
        .from(linkClicks)
        .where(and(eq(linkClicks.userId, userId), eq(linkClicks.url, url)))
        .orderBy(desc(linkClicks.id))
        .limit(1)
        .offset(rule.keptPerLink - 1)
        .get();
      if (oldestKept) {
        tx.delete(linkClicks)
          .where(
            and(eq(linkClicks.userId, userId), eq(linkClicks.url, url), lt(linkClicks.id, oldestKept.id)),
          )
          .run();
      }
      return "counted";
    });
  }
}
