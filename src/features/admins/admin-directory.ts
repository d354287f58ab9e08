import type { Db } from "../../db/client.js";
import { type AddedAdmin, AdminRepository } from "./admin-repository.js";

export type AdminRole = "owner" | "admin";

/** What a username names: a Telegram user, only imported contacts (who cannot be admins), or nobody. */
export type UsernameMatch =
  | { kind: "telegram_user"; id: number }
  | { kind: "imported_contact" }
  | { kind: "unknown" };

/**
 * Who may administer the bot: owners from ADMIN_IDS, and admins the owners added from the menu
 * (asked on every update, so the repository keeps them in memory).
 */
export class AdminDirectory {
  private readonly repository: AdminRepository;

  constructor(
    db: Db,
    private readonly ownerIds: readonly number[],
  ) {
    this.repository = new AdminRepository(db);
  }

  isOwner(userId: number): boolean {
    return this.ownerIds.includes(userId);
  }

  isAdmin(userId: number): boolean {
    return this.isOwner(userId) || this.repository.addedAdmins().set.has(userId);
  }

  roleOf(userId: number): AdminRole | null {
    if (this.isOwner(userId)) return "owner";
    return this.isAdmin(userId) ? "admin" : null;
  }

  /** Owners first (in ADMIN_IDS order), then added admins by the time they were added. */
  adminIds(): number[] {
    return [...new Set([...this.ownerIds, ...this.repository.addedAdmins().ids])];
  }

  /** An admin added from the menu (not an owner), with who added them and when. */
  findAdded(userId: number): AddedAdmin | undefined {
    if (this.isOwner(userId)) return undefined;
    return this.repository.find(userId);
  }

  /** Admins added from the menu (owners excluded), by the time they were added. */
  addedAdminIds(): number[] {
    const owners = new Set(this.ownerIds);
    return this.repository.addedAdmins().ids.filter((id) => !owners.has(id));
  }

  /**
   * Who a username (case-insensitive, without the @) names among the people the bot knows: the
   * Telegram user seen last with it, else "imported_contact" when only imported contacts (negative
   * surrogate ids, nobody Telegram can reach) have it, else "unknown".
   */
  findByUsername(username: string): UsernameMatch {
    const id = this.repository.idWithUsername(username);
    if (id === undefined) return { kind: "unknown" };
    return id > 0 ? { kind: "telegram_user", id } : { kind: "imported_contact" };
  }

  /** Adds an admin; false when they already were one (or are an owner). */
  add(userId: number, addedBy: number, now: Date): boolean {
    // An imported contact's surrogate id (or 0) names nobody on Telegram.
    if (!(Number.isSafeInteger(userId) && userId > 0)) throw new Error(`not a Telegram user id: ${userId}`);
    if (this.isAdmin(userId)) return false;
    this.repository.add(userId, addedBy, now);
    return true;
  }

  /** Removes an added admin; owners cannot be removed here (they live in ADMIN_IDS). */
  remove(userId: number): boolean {
    return this.repository.remove(userId);
  }
}
