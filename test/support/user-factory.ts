import type { Db } from "../../src/db/client.js";
import { type UserRecord, users } from "../../src/db/schema/index.js";

/** Any column of a user row; the id is required, the rest has defaults. */
export type UserSeed = Partial<typeof users.$inferInsert> & { id: number };

/** Stores a user row, seen first and last at `at` with a referral code of its own; `seed` overrides any default. */
export function insertUser(db: Db, seed: UserSeed, at: Date): UserRecord {
  return db
    .insert(users)
    .values({
      firstSeenAt: at,
      lastSeenAt: at,
      referralCode: `u${seed.id < 0 ? `m${-seed.id}` : seed.id}`,
      ...seed,
    })
    .returning()
    .get();
}

/** A contact as a CSV import leaves it: no Telegram id (a negative surrogate one), imported at `at`. */
export function insertImportedContact(db: Db, seed: UserSeed, at: Date): UserRecord {
  if (seed.id >= 0) throw new Error(`an imported contact has a negative surrogate id, not ${seed.id}`);
  return insertUser(db, { importedAt: at, ...seed }, at);
}
