import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * A target URL the bot wrapped in its click-tracking redirect, stored once however many messages
 * carry it. Signed tokens name a row here and a user, so only these URLs are ever redirected to.
 */
export const trackedLinks = sqliteTable("tracked_links", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  url: text("url").notNull().unique(),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
});

/** Secrets the server makes for itself at first use (the click-link signing key); never shown or logged. */
export const serverSecrets = sqliteTable("server_secrets", {
  name: text("name").primaryKey(),
  /** base64url of random bytes. */
  value: text("value").notNull(),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
});
