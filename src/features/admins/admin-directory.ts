/** Who may administer the bot. Owners come from ADMIN_IDS. */
export class AdminDirectory {
  constructor(private readonly ownerIds: readonly number[]) {}

  isOwner(userId: number): boolean {
    return this.ownerIds.includes(userId);
  }

  isAdmin(userId: number): boolean {
    return this.isOwner(userId);
  }

  adminIds(): number[] {
    return [...this.ownerIds];
  }
}
