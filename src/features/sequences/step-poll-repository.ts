import { and, asc, count, countDistinct, eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import {
  sequencePollAnswers,
  sequenceSends,
  sequenceSteps,
  sequenceSubscriptions,
} from "../../db/schema/index.js";
import type { SequenceContent } from "./sequence.js";

/** The answers to sequences' poll steps, and which subscriber and step each of Telegram's polls was sent for. */
export class StepPollRepository {
  constructor(private readonly db: Db) {}

  /**
   * The step (with its content now; null once removed) and subscriber a poll was sent for (each
   * sent poll has an id of its own).
   */
  voterOf(pollId: string): { stepId: number; userId: number; content: SequenceContent | null } | undefined {
    return this.db
      .select({
        stepId: sequenceSends.stepId,
        userId: sequenceSubscriptions.userId,
        content: sequenceSteps.content,
      })
      .from(sequenceSends)
      .innerJoin(sequenceSubscriptions, eq(sequenceSubscriptions.id, sequenceSends.subscriptionId))
      .leftJoin(sequenceSteps, eq(sequenceSteps.id, sequenceSends.stepId))
      .where(eq(sequenceSends.pollId, pollId))
      .get();
  }

  /** The options (numbers from 1) a user has chosen in a step's poll, in option order. */
  answerOf(stepId: number, userId: number): number[] {
    return this.db
      .select({ option: sequencePollAnswers.option })
      .from(sequencePollAnswers)
      .where(and(eq(sequencePollAnswers.stepId, stepId), eq(sequencePollAnswers.userId, userId)))
      .orderBy(asc(sequencePollAnswers.option))
      .all()
      .map((r) => r.option);
  }

  /** Replaces a user's answer with these options; none removes it (a retracted vote). */
  replaceAnswer(stepId: number, userId: number, options: readonly number[], now: Date): void {
    this.db
      .delete(sequencePollAnswers)
      .where(and(eq(sequencePollAnswers.stepId, stepId), eq(sequencePollAnswers.userId, userId)))
      .run();
    if (options.length === 0) return;
    this.db
      .insert(sequencePollAnswers)
      .values(options.map((option) => ({ stepId, userId, option, answeredAt: now })))
      .run();
  }

  /** Votes per chosen option and how many subscribers answered. */
  tally(stepId: number): { voters: number; counts: Array<{ option: number; votes: number }> } {
    const counts = this.db
      .select({ option: sequencePollAnswers.option, votes: count() })
      .from(sequencePollAnswers)
      .where(eq(sequencePollAnswers.stepId, stepId))
      .groupBy(sequencePollAnswers.option)
      .orderBy(asc(sequencePollAnswers.option))
      .all();
    const voters =
      this.db
        .select({ n: countDistinct(sequencePollAnswers.userId) })
        .from(sequencePollAnswers)
        .where(eq(sequencePollAnswers.stepId, stepId))
        .get()?.n ?? 0;
    return { voters, counts };
  }
}
