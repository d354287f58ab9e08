import type { ConversationData, ConversationStorage, VersionedState } from "@grammyjs/conversations";
import { eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { conversationStates } from "../db/schema/index.js";
import type { UsherContext } from "./context.js";

/** Keeps conversation state in SQLite, per chat, so an admin's input survives a restart. */
export function sqliteConversationStorage(
  db: Db,
  now: () => Date,
): ConversationStorage<UsherContext, ConversationData> {
  return {
    type: "key",
    version: 1,
    prefix: "conversation:",
    getStorageKey: (ctx) => ctx.chatId?.toString(),
    adapter: {
      read(key) {
        const row = db.select().from(conversationStates).where(eq(conversationStates.key, key)).get();
        return row && (JSON.parse(row.value) as VersionedState<ConversationData>);
      },
      write(key, state) {
        const value = JSON.stringify(state);
        db.insert(conversationStates)
          .values({ key, value, updatedAt: now() })
          .onConflictDoUpdate({ target: conversationStates.key, set: { value, updatedAt: now() } })
          .run();
      },
      delete(key) {
        db.delete(conversationStates).where(eq(conversationStates.key, key)).run();
      },
    },
  };
}
