import { index, integer, primaryKey, sqliteTable } from "drizzle-orm/sqlite-core";
import { mailings } from "./mailings.js";
import { users } from "./users.js";

/** What each recipient of a poll mailing chose: one row per chosen option (several in a multiple-answer poll). */
export const pollAnswers = sqliteTable(
  "poll_answers",
  {
    mailingId: integer("mailing_id")
      .notNull()
      .references(() => mailings.id, { onDelete: "cascade" }),
    /** The option's number, counted from 1 as the results table and segments show it. */
    option: integer("option").notNull(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    answeredAt: integer("answered_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    // `poll:<id>=<option>` reads one range of the key; the user index serves a changed vote and deletion.
    primaryKey({ columns: [t.mailingId, t.option, t.userId] }),
    index("poll_answers_user_idx").on(t.userId, t.mailingId),
  ],
);

export type PollAnswerRecord = typeof pollAnswers.$inferSelect;
