import { randomBytes } from "node:crypto";
import { and, desc, eq, lt, type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
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

/** A tracked URL and the sequence step it belongs to (null: no step). */
export interface TrackedLink {
  url: string;
  stepId: number | null;
}

// `IS` matches a NULL step too, where `=` would not.
const sameStep = (column: SQLiteColumn) => sql`${column} IS ${sql.placeholder("stepId")}`;

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
        .where(and(eq(trackedLinks.url, sql.placeholder("url")), sameStep(trackedLinks.stepId)))
        .prepare(),
      link: db
        .select({ url: trackedLinks.url, stepId: trackedLinks.stepId })
        .from(trackedLinks)
        .where(eq(trackedLinks.id, sql.placeholder("id")))
        .prepare(),
      lastClickAt: db
        .select({ at: linkClicks.at })
        .from(linkClicks)
        .where(
          and(
            eq(linkClicks.userId, sql.placeholder("userId")),
            eq(linkClicks.url, sql.placeholder("url")),
            sameStep(linkClicks.stepId),
          ),
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

  /** The id of a tracked URL of a step (or of none), stored now if it is new. */
  linkId({ url, stepId }: TrackedLink, now: Date): number {
    const found = this.statements.linkId.get({ url, stepId });
    if (found) return found.id;
    this.db.insert(trackedLinks).values({ url, stepId, createdAt: now }).onConflictDoNothing().run();
    const stored = this.statements.linkId.get({ url, stepId });
    if (!stored) throw new Error("a tracked link could not be stored");
    return stored.id;
  }

  link(id: number): TrackedLink | undefined {
    return this.statements.link.get({ id });
  }

  /**
   * Records that the user followed the link (a URL of a step, or of none) and counts it as a click,
   * unless their last counted click on it is within the rule's window; keeps their newest clicks on it only.
   */
  recordClick(userId: number, { url, stepId }: TrackedLink, at: Date, rule: ClickRule): ClickOutcome {
    return this.db.transaction((tx): ClickOutcome => {
      const last = this.statements.lastClickAt.get({ userId, url, stepId });
      if (last && at.getTime() - last.at.getTime() < rule.windowMs) return "repeat";
      if (this.statements.countClick.run({ userId }).changes === 0) return "no_user";
      tx.insert(linkClicks).values({ userId, url, stepId, at }).run();
      const sameLink: SQL = and(
        eq(linkClicks.userId, userId),
        eq(linkClicks.url, url),
        sql`${linkClicks.stepId} IS ${stepId}`,
      ) as SQL;
      const oldestKept = tx
        .select({ id: linkClicks.id })
        .from(linkClicks)
        .where(sameLink)
        .orderBy(desc(linkClicks.id))
        .limit(1)
        .offset(rule.keptPerLink - 1)
        .get();
      if (oldestKept) {
        tx.delete(linkClicks)
          .where(and(sameLink, lt(linkClicks.id, oldestKept.id)))
          .run();
      }
      return "counted";
    });
  }
}
