import { and, asc, eq, isNull, max } from "drizzle-orm";
import type { Db } from "../../../db/client.js";
import { type RequiredChatRecord, requiredChats } from "../../../db/schema/index.js";

/** The chats a newcomer must join. */
export class RequiredChatRepository {
  constructor(private readonly db: Db) {}

  list(): RequiredChatRecord[] {
    return this.db
      .select()
      .from(requiredChats)
      .orderBy(asc(requiredChats.position), asc(requiredChats.addedAt))
      .all();
  }

  find(chatId: number): RequiredChatRecord | undefined {
    return this.db.select().from(requiredChats).where(eq(requiredChats.chatId, chatId)).get();
  }

  /** Adds a chat at the end of the list (or updates its title and link if it is there already). */
  add(input: { chatId: number; title: string; joinUrl: string }, now: Date): RequiredChatRecord {
    const last = this.db
      .select({ position: max(requiredChats.position) })
      .from(requiredChats)
      .get();
    const position = (last?.position ?? -1) + 1;
    return this.db
      .insert(requiredChats)
      .values({ ...input, position, addedAt: now })
      .onConflictDoUpdate({
        target: requiredChats.chatId,
        set: { title: input.title, joinUrl: input.joinUrl },
      })
      .returning()
      .get();
  }

  remove(chatId: number): boolean {
    return this.db.delete(requiredChats).where(eq(requiredChats.chatId, chatId)).run().changes === 1;
  }

  /** Claims the one "cannot read members" alert for a chat; true only the first time until cleared. */
  claimInaccessibleAlert(chatId: number, now: Date): boolean {
    const changed = this.db
      .update(requiredChats)
      .set({ inaccessibleAlertedAt: now })
      .where(and(eq(requiredChats.chatId, chatId), isNull(requiredChats.inaccessibleAlertedAt)))
      .run();
    return changed.changes === 1;
  }

  clearInaccessibleAlert(chatId: number): void {
    this.db
      .update(requiredChats)
      .set({ inaccessibleAlertedAt: null })
      .where(eq(requiredChats.chatId, chatId))
      .run();
  }
}
