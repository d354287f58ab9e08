import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
} from "drizzle-orm/pg-core";
import { contactSources, userStatuses } from "../schema/users.js";
import { campaigns } from "./campaigns.js";
import { serialId, telegramId, timestampMs } from "./columns.js";

/** One person the bot knows: a Telegram account (id > 0) or an imported contact (id < 0, a surrogate). */
export const users = pgTable(
  "users",
  {
    id: telegramId("id").primaryKey(),
    firstName: text("first_name"),
    lastName: text("last_name"),
    username: text("username"),
    languageCode: text("language_code"),
    language: text("language"),
    isPremium: boolean("is_premium").notNull().default(false),
    status: text("status", { enum: userStatuses }).notNull().default("pending"),
    firstSeenAt: timestampMs("first_seen_at").notNull(),
    lastSeenAt: timestampMs("last_seen_at").notNull(),
    registeredAt: timestampMs("registered_at"),
    referralCode: text("referral_code").notNull().unique(),
    referrerId: telegramId("referrer_id").references((): AnyPgColumn => users.id, { onDelete: "set null" }),
    campaignId: integer("campaign_id").references(() => campaigns.id, { onDelete: "set null" }),
    referralCount: integer("referral_count").notNull().default(0),
    startPayload: text("start_payload"),
    captchaPassedAt: timestampMs("captcha_passed_at"),
    newUserAlertSentAt: timestampMs("new_user_alert_sent_at"),
    deadAt: timestampMs("dead_at"),
    deadReason: text("dead_reason"),
    failedDeliveries: integer("failed_deliveries").notNull().default(0),
    email: text("email"),
    emailSource: text("email_source", { enum: contactSources }),
    phone: text("phone"),
    phoneSource: text("phone_source", { enum: contactSources }),
    timezone: text("timezone"),
    gender: text("gender"),
    namesEditedAt: timestampMs("names_edited_at"),
    photoFileId: text("photo_file_id"),
    photoDueAt: timestampMs("photo_due_at"),
    photoReplacedAt: timestampMs("photo_replaced_at"),
    importedAt: timestampMs("imported_at"),
    sessionCount: integer("session_count").notNull().default(0),
    messageCount: integer("message_count").notNull().default(0),
    clickCount: integer("click_count").notNull().default(0),
    timeSpentSeconds: integer("time_spent_seconds").notNull().default(0),
    sessionStartedAt: timestampMs("session_started_at"),
    lastActivityAt: timestampMs("last_activity_at"),
    // SQLite's REAL is an 8-byte float; PostgreSQL's `real` is 4 bytes.
    sentimentTotal: doublePrecision("sentiment_total").notNull().default(0),
    sentimentCount: integer("sentiment_count").notNull().default(0),
    lastMessageText: text("last_message_text"),
    lastMessageAt: timestampMs("last_message_at"),
    pausedUntil: timestampMs("paused_until"),
    infiniteSession: boolean("infinite_session").notNull().default(false),
  },
  (t) => [
    index("users_status_idx").on(t.status, t.deadAt),
    index("users_referrer_idx").on(t.referrerId),
    index("users_campaign_idx").on(t.campaignId),
    index("users_username_idx").on(sql`lower(${t.username})`),
    index("users_registered_at_idx").on(t.registeredAt),
    index("users_email_idx").on(sql`lower(${t.email})`),
    index("users_phone_idx").on(t.phone),
    index("users_language_idx").on(t.languageCode),
    index("users_chosen_language_idx").on(t.language),
    index("users_last_seen_idx").on(t.lastSeenAt),
    // The users list sorts by first seen; the other sortable columns have theirs above.
    index("users_first_seen_idx").on(t.firstSeenAt),
    index("users_photo_due_idx").on(t.photoDueAt).where(sql`${t.photoDueAt} IS NOT NULL`),
  ],
);

/** Tags on users. */
export const userTags = pgTable(
  "user_tags",
  {
    userId: telegramId("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tag: text("tag").notNull(),
    createdAt: timestampMs("created_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.tag] }),
    index("user_tags_tag_idx").on(t.tag, t.userId),
    index("user_tags_tag_time_idx").on(t.tag, t.createdAt),
  ],
);

/** Custom attributes: key = value. */
export const userAttributes = pgTable(
  "user_attributes",
  {
    userId: telegramId("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    value: text("value").notNull(),
    updatedAt: timestampMs("updated_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.key] }),
    index("user_attributes_key_value_idx").on(t.key, t.value, t.userId),
  ],
);

/** Admins' notes on a user, each with its author and time. */
export const userNotes = pgTable(
  "user_notes",
  {
    id: serialId("id"),
    userId: telegramId("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    authorId: telegramId("author_id"),
    text: text("text").notNull(),
    createdAt: timestampMs("created_at").notNull(),
  },
  (t) => [index("user_notes_user_idx").on(t.userId)],
);

/** Messages of a paused user relayed to an admin chat, so an admin's reply finds its way back. */
export const relayedMessages = pgTable(
  "relayed_messages",
  {
    adminChatId: telegramId("admin_chat_id").notNull(),
    adminMessageId: integer("admin_message_id").notNull(),
    userId: telegramId("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestampMs("created_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.adminChatId, t.adminMessageId] }),
    index("relayed_messages_user_idx").on(t.userId),
  ],
);

/** Clicks on tracked links (URL buttons wrapped in the click-tracking redirect). */
export const linkClicks = pgTable(
  "link_clicks",
  {
    id: serialId("id"),
    userId: telegramId("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    at: timestampMs("at").notNull(),
    stepId: integer("step_id"),
  },
  (t) => [index("link_clicks_user_idx").on(t.userId), index("link_clicks_step_idx").on(t.stepId)],
);
