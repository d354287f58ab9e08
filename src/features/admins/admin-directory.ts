import { asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { admins } from "../../db/schema/index.js";

export type AdminRole = "owner" | "admin";

/** Who may administer the bot: owners from ADMIN_IDS, and admins the owners added from the menu. */
export class AdminDirectory {
  constructor(
    private readonly db: Db,
    private readonly ownerIds: readonly number[],
  ) {}

  isOwner(userId: number): boolean {
    return this.ownerIds.includes(userId);
  }

  isAdmin(userId: number): boolean {
    if (this.isOwner(userId)) return true;
    return (
      this.db.select({ id: admins.userId }).from(admins).where(eq(admins.userId, userId)).get() !== undefined
    );
  }

  roleOf(userId: number): AdminRole | null {
    if (this.isOwner(userId)) return "owner";
    return this.isAdmin(userId) ? "admin" : null;
  }

  /** Owners first (in ADMIN_IDS order), then added admins by the time they were added. */
  adminIds(): number[] {
    const added = this.db.select({ id: admins.userId }).from(admins).orderBy(asc(admins.addedAt)).all();
    return [...new Set([...this.ownerIds, ...added.map((a) => a.id)])];
  }

  /** Adds an admin; false when they already were one (or are an owner). */
  add(userId: number, addedBy: number, now: Date): boolean {
    if (this.isAdmin(userId)) return false;
    this.db.insert(admins).values({ userId, addedBy, addedAt: now }).run();
    return true;
  }

  /** Removes an added admin; owners cannot be removed here (they live in ADMIN_IDS). */
  remove(userId: number): boolean {
    return this.db.delete(admins).where(eq(admins.userId, userId)).run().changes === 1;
  }
}
