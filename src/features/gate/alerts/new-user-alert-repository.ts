import { and, eq, gt, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "../../../db/client.js";
import {
  type NewUserAlertDigest,
  type NewUserAlertMinute,
  newUserAlertDigests,
  newUserAlertMinutes,
  newUserAlertSources,
} from "../../../db/schema/index.js";

/** Where a digested newcomer came from, as stored: `direct`, `campaign:<id>` or `referrer:<id>`. */
export type AlertSource = "direct" | `campaign:${number}` | `referrer:${number}`;

const minuteStart = sql.placeholder("minuteStart");
// drizzle encodes a Date bound in values and `set`, not in `where`: there the minute goes as milliseconds.
const minuteMsParam = sql.placeholder("minuteMs");

/** The statements every newcomer's claim runs, prepared once: a burst runs them hundreds of times a second. */
function prepareStatements(db: Db) {
  const thisMinute = eq(newUserAlertMinutes.minuteStart, minuteMsParam);
  return {
    openMinute: db.insert(newUserAlertMinutes).values({ minuteStart }).onConflictDoNothing().prepare(),
    minute: db.select().from(newUserAlertMinutes).where(thisMinute).prepare(),
    countAlerted: db
      .update(newUserAlertMinutes)
      .set({ alerted: sql`${newUserAlertMinutes.alerted} + 1` })
      .where(thisMinute)
      .prepare(),
    countDigested: db
      .update(newUserAlertMinutes)
      .set({ digested: sql`${newUserAlertMinutes.digested} + 1` })
      .where(thisMinute)
      .prepare(),
    countSource: db
      .insert(newUserAlertSources)
      .values({ minuteStart, source: sql.placeholder("source"), count: 1 })
      .onConflictDoUpdate({
        target: [newUserAlertSources.minuteStart, newUserAlertSources.source],
        set: { count: sql`${newUserAlertSources.count} + 1` },
      })
      .prepare(),
  };
}

/** The per-minute tallies of new-user alerts and the digest messages that show them. */
export class NewUserAlertRepository {
  private readonly statements: ReturnType<typeof prepareStatements>;

  constructor(private readonly db: Db) {
    this.statements = prepareStatements(db);
  }

  /** The minute's tallies, created empty on first use. */
  minute(minuteStart: Date): NewUserAlertMinute {
    this.statements.openMinute.run({ minuteStart });
    return this.statements.minute.get({ minuteMs: minuteStart.getTime() }) as NewUserAlertMinute;
  }

  countAlerted(minuteStart: Date): void {
    this.statements.countAlerted.run({ minuteMs: minuteStart.getTime() });
  }

  countDigested(minuteStart: Date, source: AlertSource): void {
    this.statements.countDigested.run({ minuteMs: minuteStart.getTime() });
    this.statements.countSource.run({ minuteStart, source });
  }

  /** Minutes with digested newcomers whose digests are not final yet, oldest first. */
  openDigestMinutes(): NewUserAlertMinute[] {
    return this.db
      .select()
      .from(newUserAlertMinutes)
      .where(and(isNull(newUserAlertMinutes.finishedAt), gt(newUserAlertMinutes.digested, 0)))
      .orderBy(newUserAlertMinutes.minuteStart)
      .all();
  }

  sources(minuteStart: Date): Array<{ source: AlertSource; count: number }> {
    return this.db
      .select({ source: newUserAlertSources.source, count: newUserAlertSources.count })
      .from(newUserAlertSources)
      .where(eq(newUserAlertSources.minuteStart, minuteStart))
      .all() as Array<{ source: AlertSource; count: number }>;
  }

  digests(minuteStart: Date): NewUserAlertDigest[] {
    return this.db
      .select()
      .from(newUserAlertDigests)
      .where(eq(newUserAlertDigests.minuteStart, minuteStart))
      .all();
  }

  /** Records what an admin's digest message shows now (a null message id: it could not be sent). */
  saveDigest(digest: NewUserAlertDigest): void {
    this.db
      .insert(newUserAlertDigests)
      .values(digest)
      .onConflictDoUpdate({
        target: [newUserAlertDigests.minuteStart, newUserAlertDigests.adminId],
        set: {
          messageId: digest.messageId,
          shown: digest.shown,
          final: digest.final,
          editedAt: digest.editedAt,
        },
      })
      .run();
  }

  /** Forgets an admin's digest of a minute whose first send Telegram refused: the next pass sends it. */
  dropDigest(minuteStart: Date, adminId: number): void {
    this.db
      .delete(newUserAlertDigests)
      .where(and(eq(newUserAlertDigests.minuteStart, minuteStart), eq(newUserAlertDigests.adminId, adminId)))
      .run();
  }

  /**
   * Marks the minute's digests final, unless a newcomer was counted since `shown` was read (a
   * process with a clock behind): then the next pass shows them first. Returns whether it did.
   */
  finish(minuteStart: Date, shown: number, now: Date): boolean {
    const done = this.db
      .update(newUserAlertMinutes)
      .set({ finishedAt: now })
      .where(and(eq(newUserAlertMinutes.minuteStart, minuteStart), eq(newUserAlertMinutes.digested, shown)))
      .run();
    return done.changes === 1;
  }

  /** Forgets minutes that started before `before` and have nothing left to show. */
  prune(before: Date): void {
    this.db
      .delete(newUserAlertMinutes)
      .where(
        and(
          lt(newUserAlertMinutes.minuteStart, before),
          or(isNotNull(newUserAlertMinutes.finishedAt), eq(newUserAlertMinutes.digested, 0)),
        ),
      )
      .run();
  }
}
