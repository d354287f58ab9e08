import { and, asc, eq, isNull, max, sql } from "drizzle-orm";
import type { Db } from "../../../db/client.js";
import { type RequiredChatRecord, requiredChats } from "../../../db/schema/index.js";

function prepareStatements(db: Db) {
  return {
    list: db
      .select()
      .from(requiredChats)
      .orderBy(asc(requiredChats.position), asc(requiredChats.addedAt))
      .prepare(),
    find: db
      .select()
      .from(requiredChats)
      .where(eq(requiredChats.chatId, sql.placeholder("chatId")))
      .prepare(),
  };
}

/**
 * The chats a newcomer must join. The list is read on every newcomer's update, so it is kept in
 * memory; every write goes through this repository (one per process), which forgets it.
 */
export class RequiredChatRepository {
  private readonly statements: ReturnType<typeof prepareStatements>;
  private cached: RequiredChatRecord[] | undefined;

  constructor(private readonly db: Db) {
    this.statements = prepareStatements(db);
  }

  list(): RequiredChatRecord[] {
    this.cached ??= this.statements.list.all();
    return [...this.cached];
  }

  find(chatId: number): RequiredChatRecord | undefined {
    return this.statements.find.get({ chatId });
  }

  /** Adds a chat at the end of the list (or updates its title and link if it is there already). */
  add(input: { chatId: number; title: string; joinUrl: string }, now: Date): RequiredChatRecord {
    this.cached = undefined;
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
    this.cached = undefined;
    return this.db.delete(requiredChats).where(eq(requiredChats.chatId, chatId)).run().changes === 1;
  }

  /** Claims the one "cannot read members" alert for a chat; true only the first time until cleared. */
  claimInaccessibleAlert(chatId: number, now: Date): boolean {
    this.cached = undefined;
    const changed = this.db
      .update(requiredChats)
      .set({ inaccessibleAlertedAt: now })
      .where(and(eq(requiredChats.chatId, chatId), isNull(requiredChats.inaccessibleAlertedAt)))
      .run();
    return changed.changes === 1;
  }

  clearInaccessibleAlert(chatId: number): void {
    this.cached = undefined;
    this.db
      .update(requiredChats)
      .set({ inaccessibleAlertedAt: null })
      .where(eq(requiredChats.chatId, chatId))
      .run();
  }
}
