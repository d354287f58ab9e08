import { sql } from "drizzle-orm";
import { integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/**
 * A target URL the bot wrapped in its click-tracking redirect, stored once however many messages
 * carry it. Signed tokens name a row here and a user, so only these URLs are ever redirected to.
 */
export const trackedLinks = sqliteTable(
  "tracked_links",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    url: text("url").notNull(),
    /** The sequence step whose buttons carry this link (its clicks are that step's); null for any other. */
    stepId: integer("step_id"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  // One row per URL and owner; SQLite's unique indexes let NULLs repeat, hence two partial ones.
  (t) => [
    uniqueIndex("tracked_links_url_unique").on(t.url).where(sql`step_id IS NULL`),
    uniqueIndex("tracked_links_step_url_unique").on(t.stepId, t.url).where(sql`step_id IS NOT NULL`),
  ],
);

/** Secrets the server makes for itself at first use (the click-link signing key); never shown or logged. */
export const serverSecrets = sqliteTable("server_secrets", {
  name: text("name").primaryKey(),
  /** base64url of random bytes. */
  value: text("value").notNull(),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
});
