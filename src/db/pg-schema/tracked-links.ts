import { pgTable, text } from "drizzle-orm/pg-core";
import { serialId, timestampMs } from "./columns.js";

/** A target URL the bot wrapped in its click-tracking redirect, stored once however many messages carry it. */
export const trackedLinks = pgTable("tracked_links", {
  id: serialId("id"),
  url: text("url").notNull().unique(),
  createdAt: timestampMs("created_at").notNull(),
});

/** Secrets the server makes for itself at first use (the click-link signing key); never shown or logged. */
export const serverSecrets = pgTable("server_secrets", {
  name: text("name").primaryKey(),
  /** base64url of random bytes. */
  value: text("value").notNull(),
  createdAt: timestampMs("created_at").notNull(),
});
