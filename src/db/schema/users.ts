import { sql } from "drizzle-orm";
import { type AnySQLiteColumn, index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { campaigns } from "./campaigns.js";

export const userStatuses = ["pending", "active", "banned"] as const;
export type UserStatus = (typeof userStatuses)[number];

/** One Telegram account that has talked to the bot; a *bot user* once status is active. */
export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey(),
    firstName: text("first_name"),
    lastName: text("last_name"),
    username: text("username"),
    languageCode: text("language_code"),
    isPremium: integer("is_premium", { mode: "boolean" }).notNull().default(false),
    status: text("status", { enum: userStatuses }).notNull().default("pending"),
    firstSeenAt: integer("first_seen_at", { mode: "timestamp_ms" }).notNull(),
    lastSeenAt: integer("last_seen_at", { mode: "timestamp_ms" }).notNull(),
    registeredAt: integer("registered_at", { mode: "timestamp_ms" }),
    referralCode: text("referral_code").notNull().unique(),
    referrerId: integer("referrer_id").references((): AnySQLiteColumn => users.id, { onDelete: "set null" }),
    campaignId: integer("campaign_id").references(() => campaigns.id, { onDelete: "set null" }),
    referralCount: integer("referral_count").notNull().default(0),
    /** The /start payload kept while the user is still at the gate, so it survives captcha and join check. */
    startPayload: text("start_payload"),
    captchaPassedAt: integer("captcha_passed_at", { mode: "timestamp_ms" }),
    newUserAlertSentAt: integer("new_user_alert_sent_at", { mode: "timestamp_ms" }),
    /** Set when the user blocked the bot (or deliveries keep failing): a dead user. Null means alive. */
    deadAt: integer("dead_at", { mode: "timestamp_ms" }),
    deadReason: text("dead_reason"),
    failedDeliveries: integer("failed_deliveries").notNull().default(0),
  },
  (t) => [
    index("users_status_idx").on(t.status),
    index("users_referrer_idx").on(t.referrerId),
    index("users_campaign_idx").on(t.campaignId),
    index("users_username_idx").on(sql`lower(${t.username})`),
    index("users_registered_at_idx").on(t.registeredAt),
  ],
);

export type UserRecord = typeof users.$inferSelect;

/** Tags on users (deeplinks add them; the users issue edits them). */
export const userTags = sqliteTable(
  "user_tags",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tag: text("tag").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.tag] }), index("user_tags_tag_idx").on(t.tag)],
);
