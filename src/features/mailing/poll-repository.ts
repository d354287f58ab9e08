import { and, asc, count, countDistinct, eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { deliveries, pollAnswers } from "../../db/schema/index.js";

/** The answers to poll mailings, and which recipient each of Telegram's polls was sent to. */
export class PollRepository {
  constructor(private readonly db: Db) {}

  /** The mailing and recipient a poll was sent to (each delivered poll has an id of its own). */
  voterOf(pollId: string): { mailingId: number; userId: number } | undefined {
    return this.db
      .select({ mailingId: deliveries.mailingId, userId: deliveries.userId })
      .from(deliveries)
      .where(eq(deliveries.pollId, pollId))
      .get();
  }

  /** The options (numbers from 1) a user has chosen in a mailing's poll, in option order. */
  answerOf(mailingId: number, userId: number): number[] {
    return this.db
      .select({ option: pollAnswers.option })
      .from(pollAnswers)
      .where(and(eq(pollAnswers.mailingId, mailingId), eq(pollAnswers.userId, userId)))
      .orderBy(asc(pollAnswers.option))
      .all()
      .map((r) => r.option);
  }

  /** Replaces a user's answer with these options; none removes it (a retracted vote). */
  replaceAnswer(mailingId: number, userId: number, options: readonly number[], now: Date): void {
    this.db
      .delete(pollAnswers)
      .where(and(eq(pollAnswers.mailingId, mailingId), eq(pollAnswers.userId, userId)))
      .run();
    if (options.length === 0) return;
    this.db
      .insert(pollAnswers)
      .values(options.map((option) => ({ mailingId, userId, option, answeredAt: now })))
      .run();
  }

  /** Votes per chosen option and how many recipients answered. */
  tally(mailingId: number): { voters: number; counts: Array<{ option: number; votes: number }> } {
    const counts = this.db
      .select({ option: pollAnswers.option, votes: count() })
      .from(pollAnswers)
      .where(eq(pollAnswers.mailingId, mailingId))
      .groupBy(pollAnswers.option)
      .all();
    const voters =
      this.db
        .select({ n: countDistinct(pollAnswers.userId) })
        .from(pollAnswers)
        .where(eq(pollAnswers.mailingId, mailingId))
        .get()?.n ?? 0;
    return { voters, counts };
  }
}
