import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { setPlaceholder } from "../../db/prepared.js";
import { users } from "../../db/schema/index.js";
import { nextSession, type SessionState, type SessionStep } from "./activity.js";

/**
 * Something a user did: a message (its "last message" label and sentiment, null if not scored) or a
 * button press (a click; followed tracked links count as clicks too, in the clicks feature).
 */
export type Interaction = { kind: "message"; label: string; sentiment: number | null } | { kind: "press" };

/** The two updates user tracking runs on every message or press, compiled once. */
function prepareStatements(db: Db) {
  const session = {
    sessionCount: sql`${users.sessionCount} + ${sql.placeholder("newSession")}`,
    sessionStartedAt: setPlaceholder("sessionStartedAt"),
    lastActivityAt: setPlaceholder("now"),
    timeSpentSeconds: sql`${users.timeSpentSeconds} + ${sql.placeholder("addedSeconds")}`,
  };
  const byId = eq(users.id, sql.placeholder("id"));
  return {
    message: db
      .update(users)
      .set({
        ...session,
        messageCount: sql`${users.messageCount} + 1`,
        sentimentTotal: sql`${users.sentimentTotal} + ${sql.placeholder("sentiment")}`,
        sentimentCount: sql`${users.sentimentCount} + ${sql.placeholder("scored")}`,
        lastMessageText: setPlaceholder("label"),
        lastMessageAt: setPlaceholder("now"),
      })
      .where(byId)
      .prepare(),
    press: db
      .update(users)
      .set({ ...session, clickCount: sql`${users.clickCount} + 1` })
      .where(byId)
      .prepare(),
  };
}

/** Sessions, message and click counts, time spent, sentiment and last message, one statement per interaction. */
export class ActivityRepository {
  private readonly statements: ReturnType<typeof prepareStatements>;

  constructor(db: Db) {
    this.statements = prepareStatements(db);
  }

  /**
   * Records an interaction of `user`, whose session state is as read before it; counters are
   * incremented in SQL, so a concurrent change to the row (a merge) is not lost.
   */
  recordInteraction(
    user: SessionState & { id: number },
    interaction: Interaction,
    now: Date,
    sessionTimeoutMs: number,
  ): SessionStep {
    const step = nextSession(user, now, sessionTimeoutMs);
    const session = {
      id: user.id,
      now,
      newSession: step.newSession ? 1 : 0,
      sessionStartedAt: step.sessionStartedAt,
      addedSeconds: step.addedSeconds,
    };
    if (interaction.kind === "press") {
      this.statements.press.run(session);
    } else {
      this.statements.message.run({
        ...session,
        label: interaction.label,
        sentiment: interaction.sentiment ?? 0,
        scored: interaction.sentiment === null ? 0 : 1,
      });
    }
    return step;
  }
}
