import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "./users.js";

/** The one open captcha challenge per user; the answer never leaves the server. */
export const captchaChallenges = sqliteTable("captcha_challenges", {
  userId: integer("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  nonce: text("nonce").notNull(),
  question: text("question").notNull(),
  options: text("options", { mode: "json" }).$type<string[]>().notNull(),
  correctIndex: integer("correct_index").notNull(),
  expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  failures: integer("failures").notNull().default(0),
  cooldownUntil: integer("cooldown_until", { mode: "timestamp_ms" }),
});

export type CaptchaChallengeRecord = typeof captchaChallenges.$inferSelect;
