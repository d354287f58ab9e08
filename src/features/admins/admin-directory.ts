import { asc, desc, eq, sql } from "drizzle-orm";
import { CachedRead } from "../../db/cached-read.js";
import type { Db } from "../../db/client.js";
import { admins, users } from "../../db/schema/index.js";

export type AdminRole = "owner" | "admin";

/** An admin an owner added from the menu. */
export type AddedAdmin = typeof admins.$inferSelect;

/** What a username names: a Telegram user, only imported contacts (who cannot be admins), or nobody. */
export type UsernameMatch =
  | { kind: "telegram_user"; id: number }
  | { kind: "imported_contact" }
  | { kind: "unknown" };

/** Added admins' ids, by the time they were added (as the table holds them: owners may be listed too). */
interface AddedAdmins {
  ids: readonly number[];
  set: ReadonlySet<number>;
}

/**
 * Who may administer the bot: owners from ADMIN_IDS, and admins the owners added from the menu.
 * Every update asks, so the added admins are kept in memory until `add` or `remove` here, or
 * another process, changes the database.
 */
export class AdminDirectory {
  private readonly added: CachedRead<AddedAdmins>;

  constructor(
    private readonly db: Db,
    private readonly ownerIds: readonly number[],
  ) {
    const loadAddedIds = db.select({ id: admins.userId }).from(admins).orderBy(asc(admins.addedAt)).prepare();
    this.added = new CachedRead(db, () => {
      const ids = loadAddedIds.all().map((a) => a.id);
      return { ids, set: new Set(ids) };
    });
  }

  private addedAdmins(): AddedAdmins {
    return this.added.get();
  }

  isOwner(userId: number): boolean {
    return this.ownerIds.includes(userId);
  }

  isAdmin(userId: number): boolean {
    return this.isOwner(userId) || this.addedAdmins().set.has(userId);
  }

  roleOf(userId: number): AdminRole | null {
    if (this.isOwner(userId)) return "owner";
    return this.isAdmin(userId) ? "admin" : null;
  }

  /** Owners first (in ADMIN_IDS order), then added admins by the time they were added. */
  adminIds(): number[] {
    return [...new Set([...this.ownerIds, ...this.addedAdmins().ids])];
  }

  /** An admin added from the menu (not an owner), with who added them and when. */
  findAdded(userId: number): AddedAdmin | undefined {
    if (this.isOwner(userId)) return undefined;
    return this.db.select().from(admins).where(eq(admins.userId, userId)).get();
  }

  /** Admins added from the menu (owners excluded), by the time they were added. */
  addedAdminIds(): number[] {
    const owners = new Set(this.ownerIds);
    return this.addedAdmins().ids.filter((id) => !owners.has(id));
  }

  /**
   * Who a username (case-insensitive, without the @) names among the people the bot knows: the
   * Telegram user seen last with it, else "imported_contact" when only imported contacts (negative
   * surrogate ids, nobody Telegram can reach) have it, else "unknown".
   */
  findByUsername(username: string): UsernameMatch {
    const found = this.db
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.username}) = ${username.toLowerCase()}`)
      // A Telegram user before any imported contact; a username can move to another account, and
      // the one seen last holds it now.
      .orderBy(sql`${users.id} > 0 DESC`, desc(users.lastSeenAt))
      .get();
    if (found === undefined) return { kind: "unknown" };
    return found.id > 0 ? { kind: "telegram_user", id: found.id } : { kind: "imported_contact" };
  }

  /** Adds an admin; false when they already were one (or are an owner). */
  add(userId: number, addedBy: number, now: Date): boolean {
    // An imported contact's surrogate id (or 0) names nobody on Telegram.
    if (!(Number.isSafeInteger(userId) && userId > 0)) throw new Error(`not a Telegram user id: ${userId}`);
    if (this.isAdmin(userId)) return false;
    this.added.forget();
    this.db.insert(admins).values({ userId, addedBy, addedAt: now }).run();
    return true;
  }

  /** Removes an added admin; owners cannot be removed here (they live in ADMIN_IDS). */
  remove(userId: number): boolean {
    this.added.forget();
    return this.db.delete(admins).where(eq(admins.userId, userId)).run().changes === 1;
  }
}
