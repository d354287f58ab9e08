import { asc, desc, eq, sql } from "drizzle-orm";
import { CachedRead } from "../../db/cached-read.js";
import type { Db } from "../../db/client.js";
import { admins, users } from "../../db/schema/index.js";

/** An admin an owner added from the menu. */
export type AddedAdmin = typeof admins.$inferSelect;

/** Added admins' ids, by the time they were added (as the table holds them: owners may be listed too). */
export interface AddedAdmins {
  ids: readonly number[];
  set: ReadonlySet<number>;
}

/**
 * The admins owners added, and users looked up by username. Every update asks who the added admins
 * are, so they are kept in memory until `add` or `remove` here, or another process, changes the database.
 */
export class AdminRepository {
  private readonly cached: CachedRead<AddedAdmins>;

  constructor(private readonly db: Db) {
    const loadAddedIds = db.select({ id: admins.userId }).from(admins).orderBy(asc(admins.addedAt)).prepare();
    this.cached = new CachedRead(db, () => {
      const ids = loadAddedIds.all().map((a) => a.id);
      return { ids, set: new Set(ids) };
    });
  }

  addedAdmins(): AddedAdmins {
    return this.cached.get();
  }

  find(userId: number): AddedAdmin | undefined {
    return this.db.select().from(admins).where(eq(admins.userId, userId)).get();
  }

  /**
   * The id of whoever holds a username (case-insensitive, without the @): a Telegram user before any
   * imported contact, and among them the one seen last, since a username can move to another account.
   */
  idWithUsername(username: string): number | undefined {
    return this.db
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.username}) = ${username.toLowerCase()}`)
      .orderBy(sql`${users.id} > 0 DESC`, desc(users.lastSeenAt))
      .get()?.id;
  }

  add(userId: number, addedBy: number, now: Date): void {
    this.cached.forget();
    this.db.insert(admins).values({ userId, addedBy, addedAt: now }).run();
  }

  /** False when they were not an added admin. */
  remove(userId: number): boolean {
    this.cached.forget();
    return this.db.delete(admins).where(eq(admins.userId, userId)).run().changes === 1;
  }
}
