import { count, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../../../db/client.js";
import { type DeeplinkRecord, deeplinks } from "../../../db/schema/index.js";
import type { MessageContent } from "../../content/message-content.js";
import type { UrlButton } from "../../mailing/mailing.js";

/** The stored records this feature hands to menus and routes. */
export type { DeeplinkRecord } from "../../../db/schema/index.js";

export interface NewDeeplink {
  code: string;
  content: MessageContent;
  tags?: string[];
  buttons?: UrlButton[][];
  topicIds?: number[];
  createdBy: number | null;
}

/** The gate's lookups, compiled once per repository. */
function prepareStatements(db: Db) {
  const byCode = eq(deeplinks.code, sql.placeholder("code"));
  return {
    find: db.select().from(deeplinks).where(byCode).prepare(),
    recordHit: db
      .update(deeplinks)
      .set({ hits: sql`${deeplinks.hits} + 1` })
      .where(byCode)
      .prepare(),
  };
}

/** Admin-defined `?start=<code>` links and their hit counts. */
export class DeeplinkRepository {
  private readonly statements: ReturnType<typeof prepareStatements>;

  constructor(private readonly db: Db) {
    this.statements = prepareStatements(db);
  }

  find(code: string): DeeplinkRecord | undefined {
    return this.statements.find.get({ code });
  }

  create(input: NewDeeplink, now: Date): DeeplinkRecord {
    return this.db
      .insert(deeplinks)
      .values({ ...input, tags: input.tags ?? [], createdAt: now })
      .returning()
      .get();
  }

  /** Creates the deeplink unless its code is taken (then returns undefined and changes nothing). */
  createUnlessTaken(input: NewDeeplink, now: Date): DeeplinkRecord | undefined {
    return this.db
      .insert(deeplinks)
      .values({ ...input, tags: input.tags ?? [], createdAt: now })
      .onConflictDoNothing({ target: deeplinks.code })
      .returning()
      .get();
  }

  /** Replaces a deeplink's URL buttons; returns the buttons before and after, or undefined when it is gone. */
  setButtons(
    code: string,
    buttons: UrlButton[][],
  ): { before: UrlButton[][]; after: UrlButton[][] } | undefined {
    return this.db.transaction(() => {
      const found = this.find(code);
      if (!found) return undefined;
      this.db.update(deeplinks).set({ buttons }).where(eq(deeplinks.code, code)).run();
      return { before: found.buttons, after: buttons };
    });
  }

  /** Changes a deeplink's content, tags or buttons; returns it before and after, or undefined when it is gone. */
  update(
    code: string,
    changes: { content?: MessageContent; tags?: string[]; buttons?: UrlButton[][]; topicIds?: number[] },
  ): { before: DeeplinkRecord; after: DeeplinkRecord } | undefined {
    return this.db.transaction(() => {
      const before = this.find(code);
      if (!before) return undefined;
      if (Object.keys(changes).length === 0) return { before, after: before };
      const after = this.db.update(deeplinks).set(changes).where(eq(deeplinks.code, code)).returning().get();
      return after ? { before, after } : undefined;
    });
  }

  recordHit(code: string): void {
    this.statements.recordHit.run({ code });
  }

  count(): number {
    return this.db.select({ n: count() }).from(deeplinks).get()?.n ?? 0;
  }

  /** One page of deeplinks, newest first. */
  listNewestFirst(page: { offset: number; limit: number }): DeeplinkRecord[] {
    return this.db
      .select()
      .from(deeplinks)
      .orderBy(desc(deeplinks.createdAt), sql`rowid desc`)
      .limit(page.limit)
      .offset(page.offset)
      .all();
  }

  codes(): string[] {
    return this.db
      .select({ code: deeplinks.code })
      .from(deeplinks)
      .all()
      .map((r) => r.code);
  }

  delete(code: string): DeeplinkRecord | undefined {
    return this.db.delete(deeplinks).where(eq(deeplinks.code, code)).returning().get();
  }
}
