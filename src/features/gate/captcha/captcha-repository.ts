import { eq } from "drizzle-orm";
import type { Db } from "../../../db/client.js";
import { captchaChallenges } from "../../../db/schema/index.js";
import type { Challenge, ChallengeState } from "./challenge.js";

/** The open challenge of each user, kept in SQLite so a restart does not reset attempts. */
export class CaptchaRepository {
  constructor(private readonly db: Db) {}

  find(userId: number): ChallengeState | undefined {
    return this.db.select().from(captchaChallenges).where(eq(captchaChallenges.userId, userId)).get();
  }

  /** Replaces the open challenge, keeping the failure count and cool-down of the series. */
  open(userId: number, challenge: Challenge, failures: number, cooldownUntil: Date | null): void {
    const row = { ...challenge, failures, cooldownUntil };
    this.db
      .insert(captchaChallenges)
      .values({ userId, ...row })
      .onConflictDoUpdate({ target: captchaChallenges.userId, set: row })
      .run();
  }

  startCooldown(userId: number, cooldownUntil: Date): void {
    this.db
      .update(captchaChallenges)
      .set({ failures: 0, cooldownUntil, nonce: "" })
      .where(eq(captchaChallenges.userId, userId))
      .run();
  }

  close(userId: number): void {
    this.db.delete(captchaChallenges).where(eq(captchaChallenges.userId, userId)).run();
  }
}
