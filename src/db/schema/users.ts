import { sql } from "drizzle-orm";
import {
  type AnySQLiteColumn,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
} from "drizzle-orm/sqlite-core";
import { campaigns } from "./campaigns.js";

export const userStatuses = ["pending", "active", "banned"] as const;
export type UserStatus = (typeof userStatuses)[number];

/**
 * Where a phone or email came from: a contact the user shared from their own account (Telegram
 * vouches for it), the bot owner's data (an admin, the API, an import), or the user's own typing.
 * Only the first two make the value a key that imports and upserts find the user by.
 */
export const contactSources = ["shared_contact", "owner", "self_reported"] as const;
export type ContactSource = (typeof contactSources)[number];

/**
 * One person the bot knows: a Telegram account that talked to it (id = Telegram user id, > 0), or a
 * contact imported without a Telegram id (id < 0, a surrogate: a "Dear User" who cannot be messaged
 * until they show up on Telegram and are merged into their account).
 */
export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey(),
    firstName: text("first_name"),
    lastName: text("last_name"),
    username: text("username"),
    languageCode: text("language_code"),
    /** The language the user chose (/language) or an admin set; Telegram's `language_code` when null. */
    language: text("language"),
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
    // Profile beyond what Telegram tells.
    email: text("email"),
    /** Where the email came from; null without one, or when stored before sources were recorded. */
    emailSource: text("email_source", { enum: contactSources }),
    /** Digits with a leading +, as shared through a contact button or typed by an admin. */
    phone: text("phone"),
    /** Where the phone came from; null without one, or when stored before sources were recorded. */
    phoneSource: text("phone_source", { enum: contactSources }),
    /** IANA time zone name. */
    timezone: text("timezone"),
    gender: text("gender"),
    /** Set when an admin, the profile form or a merge gave names: Telegram's names no longer overwrite them. */
    namesEditedAt: integer("names_edited_at", { mode: "timestamp_ms" }),
    photoFileId: text("photo_file_id"),
    /** When the profile photo is to be fetched (registration, a return after a day away); null: not due. */
    photoDueAt: integer("photo_due_at", { mode: "timestamp_ms" }),
    /** Set when an admin replaced the photo: fetches from Telegram no longer overwrite it. */
    photoReplacedAt: integer("photo_replaced_at", { mode: "timestamp_ms" }),
    importedAt: integer("imported_at", { mode: "timestamp_ms" }),
    // Activity.
    sessionCount: integer("session_count").notNull().default(0),
    messageCount: integer("message_count").notNull().default(0),
    /** Inline-button presses in the bot plus followed tracked links (see link_clicks). */
    clickCount: integer("click_count").notNull().default(0),
    timeSpentSeconds: integer("time_spent_seconds").notNull().default(0),
    sessionStartedAt: integer("session_started_at", { mode: "timestamp_ms" }),
    lastActivityAt: integer("last_activity_at", { mode: "timestamp_ms" }),
    sentimentTotal: real("sentiment_total").notNull().default(0),
    sentimentCount: integer("sentiment_count").notNull().default(0),
    lastMessageText: text("last_message_text"),
    lastMessageAt: integer("last_message_at", { mode: "timestamp_ms" }),
    // Human takeover.
    /** While in the future the bot does not answer the user; admins talk through the support relay. */
    pausedUntil: integer("paused_until", { mode: "timestamp_ms" }),
    infiniteSession: integer("infinite_session", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [
    // With dead_at, "every alive bot user" is answered from the index alone.
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
    // Partial: the photo fetcher reads the few due users, never the whole table.
    index("users_photo_due_idx").on(t.photoDueAt).where(sql`${t.photoDueAt} IS NOT NULL`),
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
  (t) => [
    primaryKey({ columns: [t.userId, t.tag] }),
    index("user_tags_tag_idx").on(t.tag, t.userId),
    // Sequences' tag triggers read only the taggings since their watermark, not every holder.
    index("user_tags_tag_time_idx").on(t.tag, t.createdAt),
  ],
);

/** Custom attributes: key = value, compared as number, date or boolean where the value parses as one. */
export const userAttributes = sqliteTable(
  "user_attributes",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    value: text("value").notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.key] }),
    index("user_attributes_key_value_idx").on(t.key, t.value, t.userId),
  ],
);

/** Admins' notes on a user, each with its author and time. */
export const userNotes = sqliteTable(
  "user_notes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    authorId: integer("author_id"),
    text: text("text").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("user_notes_user_idx").on(t.userId)],
);

/** Messages of a paused user relayed to an admin chat, so an admin's reply finds its way back. */
export const relayedMessages = sqliteTable(
  "relayed_messages",
  {
    adminChatId: integer("admin_chat_id").notNull(),
    adminMessageId: integer("admin_message_id").notNull(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.adminChatId, t.adminMessageId] }),
    index("relayed_messages_user_idx").on(t.userId),
  ],
);

/** Clicks on tracked links (URL buttons wrapped in the click-tracking redirect). */
export const linkClicks = sqliteTable(
  "link_clicks",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    /** The sequence step whose link was followed; null for links of anything else. */
    stepId: integer("step_id"),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("link_clicks_user_idx").on(t.userId), index("link_clicks_step_idx").on(t.stepId)],
);
