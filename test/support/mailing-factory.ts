import type { Db } from "../../src/db/client.js";
import { type MailingRecord, mailings } from "../../src/db/schema/index.js";
import { defaultMailingOptions } from "../../src/features/mailing/mailing.js";

/** Any column of a mailing row; the rest has defaults. */
export type MailingSeed = Partial<typeof mailings.$inferInsert>;

/** Stores a completed mailing of the text "Hi" to everyone, created at `at`; `seed` overrides any default. */
export function insertCompletedMailing(db: Db, at: Date, seed: MailingSeed = {}): MailingRecord {
  return db
    .insert(mailings)
    .values({
      kind: "mailing",
      status: "completed",
      payload: { kind: "message", content: { type: "text", text: "Hi" }, buttons: [] },
      audience: { includeDead: false },
      options: defaultMailingOptions,
      createdAt: at,
      ...seed,
    })
    .returning()
    .get();
}
