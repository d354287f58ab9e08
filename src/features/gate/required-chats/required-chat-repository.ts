import { and, asc, eq, isNull, max, sql } from "drizzle-orm";
import { CachedRead } from "../../../db/cached-read.js";
import type { Db } from "../../../db/client.js";
import { type RequiredChatRecord, requiredChats } from "../../../db/schema/index.js";

/** The stored records this feature hands to menus and routes. */
export type { RequiredChatRecord } from "../../../db/schema/index.js";

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
 * memory until a write here, or another process, changes the database.
 */
export class RequiredChatRepository {
  private readonly statements: ReturnType<typeof prepareStatements>;
  private readonly cached: CachedRead<RequiredChatRecord[]>;

  constructor(private readonly db: Db) {
    const statements = prepareStatements(db);
    this.statements = statements;
    this.cached = new CachedRead(db, () => statements.list.all());
  }

  list(): RequiredChatRecord[] {
    return [...this.cached.get()];
  }

  find(chatId: number): RequiredChatRecord | undefined {
    return this.statements.find.get({ chatId });
  }

  /** Adds a chat at the end of the list (or updates its title and link if it is there already). */
  add(input: { chatId: number; title: string; joinUrl: string }, now: Date): RequiredChatRecord {
    this.cached.forget();
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
    this.cached.forget();
    return this.db.delete(requiredChats).where(eq(requiredChats.chatId, chatId)).run().changes === 1;
  }

  /** Claims the one "cannot read members" alert for a chat; true only the first time until cleared. */
  claimInaccessibleAlert(chatId: number, now: Date): boolean {
    this.cached.forget();
    const changed = this.db
      .update(requiredChats)
      .set({ inaccessibleAlertedAt: now })
      .where(and(eq(requiredChats.chatId, chatId), isNull(requiredChats.inaccessibleAlertedAt)))
      .run();
    return changed.changes === 1;
  }

  clearInaccessibleAlert(chatId: number): void {
    this.cached.forget();
    this.db
      .update(requiredChats)
      .set({ inaccessibleAlertedAt: null })
      .where(eq(requiredChats.chatId, chatId))
      .run();
  }
}
