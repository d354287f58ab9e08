import { lt, sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { handledUpdates } from "../db/schema/index.js";

/** How long a claim is kept: Telegram gives up resending an update well before. */
const keepMs = 24 * 60 * 60_000;
/** Claims past `keepMs` are deleted this often, by whichever instance claims an update then. */
const pruneEveryMs = 60 * 60_000;

/** The handled_updates table: one claim per update_id, won by whichever instance makes it first. */
export class HandledUpdateRepository {
  private readonly claimStatement;
  private prunedAt = 0;

  constructor(private readonly db: Db) {
    this.claimStatement = db
      .insert(handledUpdates)
      .values({ updateId: sql.placeholder("updateId"), receivedAt: sql.placeholder("at") })
      .onConflictDoNothing()
      .prepare();
  }

  /** True for the first claim of an update, false for every later one, on any instance. */
  claim(updateId: number, at: Date): boolean {
    if (at.getTime() - this.prunedAt >= pruneEveryMs) {
      this.prunedAt = at.getTime();
      this.db
        .delete(handledUpdates)
        .where(lt(handledUpdates.receivedAt, new Date(at.getTime() - keepMs)))
        .run();
    }
    // A single statement: two instances inserting the same id cannot both succeed.
    return this.claimStatement.run({ updateId, at }).changes === 1;
  }
}
