import { eq, sql } from "drizzle-orm";
import type { Db } from "../../../db/client.js";
import { excluded, setPlaceholder } from "../../../db/prepared.js";
import { captchaChallenges } from "../../../db/schema/index.js";
import type { Challenge, ChallengeState } from "./challenge.js";

function prepareStatements(db: Db) {
  const byUser = eq(captchaChallenges.userId, sql.placeholder("userId"));
  const t = captchaChallenges;
  return {
    find: db.select().from(t).where(byUser).prepare(),
    open: db
      .insert(t)
      .values({
        userId: sql.placeholder("userId"),
        nonce: sql.placeholder("nonce"),
        question: sql.placeholder("question"),
        options: sql.placeholder("options"),
        correctIndex: sql.placeholder("correctIndex"),
        expiresAt: sql.placeholder("expiresAt"),
        failures: sql.placeholder("failures"),
        // Bound as milliseconds or null: drizzle's Date encoder would call getTime() on null.
        cooldownUntil: sql`${sql.placeholder("cooldownUntilMs")}`,
      })
      .onConflictDoUpdate({
        target: t.userId,
        set: {
          nonce: excluded(t.nonce),
          question: excluded(t.question),
          options: excluded(t.options),
          correctIndex: excluded(t.correctIndex),
          expiresAt: excluded(t.expiresAt),
          failures: excluded(t.failures),
          cooldownUntil: excluded(t.cooldownUntil),
        },
      })
      .prepare(),
    startCooldown: db
      .update(t)
      .set({ failures: 0, cooldownUntil: setPlaceholder("cooldownUntil"), nonce: "" })
      .where(byUser)
      .prepare(),
    close: db.delete(t).where(byUser).prepare(),
  };
}

/** The open challenge of each user, kept in SQLite so a restart does not reset attempts. */
export class CaptchaRepository {
  private readonly statements: ReturnType<typeof prepareStatements>;

  constructor(db: Db) {
    this.statements = prepareStatements(db);
  }

  find(userId: number): ChallengeState | undefined {
    return this.statements.find.get({ userId });
  }

  /** Replaces the open challenge, keeping the failure count and cool-down of the series. */
  open(userId: number, challenge: Challenge, failures: number, cooldownUntil: Date | null): void {
    const { nonce, question, options, correctIndex, expiresAt } = challenge;
    this.statements.open.run({
      userId,
      nonce,
      question,
      options,
      correctIndex,
      expiresAt,
      failures,
      cooldownUntilMs: cooldownUntil?.getTime() ?? null,
    });
  }

  startCooldown(userId: number, cooldownUntil: Date): void {
    this.statements.startCooldown.run({ userId, cooldownUntil });
  }

  close(userId: number): void {
    this.statements.close.run({ userId });
  }
}
