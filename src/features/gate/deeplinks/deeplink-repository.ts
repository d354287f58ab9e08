import { eq, sql } from "drizzle-orm";
import type { Db } from "../../../db/client.js";
import { type DeeplinkRecord, deeplinks } from "../../../db/schema/index.js";
import type { MessageContent } from "../../content/message-content.js";

/** Admin-defined `?start=<code>` links and their hit counts. */
export class DeeplinkRepository {
  constructor(private readonly db: Db) {}

  find(code: string): DeeplinkRecord | undefined {
    return this.db.select().from(deeplinks).where(eq(deeplinks.code, code)).get();
  }

  create(
    input: { code: string; content: MessageContent; tags?: string[]; createdBy: number | null },
    now: Date,
  ): DeeplinkRecord {
    return this.db
      .insert(deeplinks)
      .values({ ...input, tags: input.tags ?? [], createdAt: now })
      .returning()
      .get();
  }

  recordHit(code: string): void {
    this.db
      .update(deeplinks)
      .set({ hits: sql`${deeplinks.hits} + 1` })
      .where(eq(deeplinks.code, code))
      .run();
  }
}
