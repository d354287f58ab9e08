import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { linkClicks, serverSecrets, trackedLinks, users } from "../../db/schema/index.js";

const signingKeyName = "click_links";

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

  /** Records that the user followed the URL and counts it as a click; false (nothing stored) when there is no such user. */
  recordClick(userId: number, url: string, at: Date): boolean {
    return this.db.transaction(() => {
      if (this.statements.countClick.run({ userId }).changes === 0) return false;
      this.db.insert(linkClicks).values({ userId, url, at }).run();
      return true;
    });
  }
}
