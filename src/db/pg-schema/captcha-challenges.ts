import { bigint, integer, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { telegramId, timestampMs } from "./columns.js";
import { users } from "./users.js";

/** The one open captcha challenge per user; the answer never leaves the server. */
export const captchaChallenges = pgTable("captcha_challenges", {
  userId: telegramId("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  nonce: text("nonce").notNull(),
  question: text("question").notNull(),
  options: jsonb("options").$type<string[]>().notNull(),
  correctIndex: bigint("correct_index", { mode: "number" }).notNull(),
  expiresAt: timestampMs("expires_at").notNull(),
  failures: bigint("failures", { mode: "number" }).notNull().default(0),
  cooldownUntil: timestampMs("cooldown_until"),
});
