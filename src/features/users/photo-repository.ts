import { and, asc, eq, isNotNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { users } from "../../db/schema/index.js";

/** A user whose profile photo is to be fetched, and since when. */
export interface DuePhoto {
  id: number;
  dueAt: Date;
}

function prepareDue(db: Db) {
  return db
    .select({ id: users.id, dueAt: users.photoDueAt })
    .from(users)
    .where(isNotNull(users.photoDueAt))
    .orderBy(asc(users.photoDueAt))
    .limit(sql.placeholder("limit"))
    .prepare();
}

/** Profile photos: which are due for a fetch, and what a fetch, a refresh or an admin stored. */
export class PhotoRepository {
  /** Prepared on first use: the fetcher asks every second, other callers never. */
  private dueStatement: ReturnType<typeof prepareDue> | undefined;

  constructor(private readonly db: Db) {}

  /** The users whose photo is due, the longest waiting first. */
  due(limit: number): DuePhoto[] {
    this.dueStatement ??= prepareDue(this.db);
    return this.dueStatement.all({ limit }).map((row) => ({ id: row.id, dueAt: row.dueAt as Date }));
  }

  /**
   * Stores what a background fetch found (null: no photo, or hidden), unless an admin replaced the
   * photo; the user stays due when they were marked again since `dueAt`.
   */
  storeFetched(id: number, fileId: string | null, dueAt: Date): void {
    this.db
      .update(users)
      .set({
        photoFileId: sql`CASE WHEN ${users.photoReplacedAt} IS NULL THEN ${fileId} ELSE ${users.photoFileId} END`,
      })
      .where(eq(users.id, id))
      .run();
    this.settle(id, dueAt);
  }

  /** A fetch Telegram refused for good (the user is gone): not due any more. */
  settle(id: number, dueAt: Date): void {
    this.db
      .update(users)
      .set({ photoDueAt: null })
      .where(and(eq(users.id, id), eq(users.photoDueAt, dueAt)))
      .run();
  }

  /** Stores the photo an admin asked Telegram for: Telegram's photo again, no longer an admin's. */
  storeRefreshed(id: number, fileId: string | null): boolean {
    return this.set(id, { photoFileId: fileId, photoReplacedAt: null, photoDueAt: null });
  }

  /** Stores a photo an admin sent in place of the user's own; fetches no longer overwrite it. */
  storeReplaced(id: number, fileId: string, now: Date): boolean {
    return this.set(id, { photoFileId: fileId, photoReplacedAt: now });
  }

  private set(id: number, values: Partial<typeof users.$inferInsert>): boolean {
    return this.db.update(users).set(values).where(eq(users.id, id)).run().changes === 1;
  }
}
