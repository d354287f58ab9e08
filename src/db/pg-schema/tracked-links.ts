import { sql } from "drizzle-orm";
import { integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { serialId, timestampMs } from "./columns.js";

/** A target URL the bot wrapped in its click-tracking redirect, stored once however many messages carry it. */
export const trackedLinks = pgTable(
  "tracked_links",
  {
    id: serialId("id"),
    url: text("url").notNull(),
    stepId: integer("step_id"),
    createdAt: timestampMs("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("tracked_links_url_unique").on(t.url).where(sql`step_id IS NULL`),
    uniqueIndex("tracked_links_step_url_unique").on(t.stepId, t.url).where(sql`step_id IS NOT NULL`),
  ],
);

/** Secrets the server makes for itself at first use (the click-link signing key); never shown or logged. */
export const serverSecrets = pgTable("server_secrets", {
  name: text("name").primaryKey(),
  /** base64url of random bytes. */
  value: text("value").notNull(),
  createdAt: timestampMs("created_at").notNull(),
});
