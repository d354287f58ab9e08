import { bigint, index, integer, pgTable, primaryKey } from "drizzle-orm/pg-core";
import { telegramId, timestampMs } from "./columns.js";
import { mailings } from "./mailings.js";
import { users } from "./users.js";

/** What each recipient of a poll mailing chose: one row per chosen option. */
export const pollAnswers = pgTable(
  "poll_answers",
  {
    mailingId: bigint("mailing_id", { mode: "number" })
      .notNull()
      .references(() => mailings.id, { onDelete: "cascade" }),
    option: bigint("option", { mode: "number" }).notNull(),
    userId: telegramId("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    answeredAt: timestampMs("answered_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.mailingId, t.option, t.userId] }),
    index("poll_answers_user_idx").on(t.userId, t.mailingId),
  ],
);
