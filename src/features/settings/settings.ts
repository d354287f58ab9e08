import { z } from "zod";
// The defaults are the English; a user of another language gets theirs while the admin keeps it.
import { texts } from "../../texts/en/bot.js";
import { canonicalTimeZone } from "../mailing/schedule.js";
import { isButtonUrl, urlButtonLimits } from "../mailing/url-buttons.js";
import { type TopicTextKey, topicTextKeys, topicTextMax } from "../topics/topic-texts.js";
import { listFieldNames, listFieldPattern, maxListFields } from "../users/list-fields.js";

const text = (fallback: string) => z.string().min(1).max(4096).default(fallback);

const messageContent = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("text"),
    text: z.string().min(1).max(4096),
    entities: z.array(z.any()).optional(),
  }),
  z.object({ type: z.literal("copy"), fromChatId: z.number().int(), messageId: z.number().int().positive() }),
]);

/** An admin's override of a /topics text; null: the default of src/texts/topics.ts. */
const topicText = (key: TopicTextKey) =>
  z
    .string()
    .min(1)
    .max(topicTextMax(key))
    .nullable()
    .default(null)
    .meta({
      description: `Overrides the default /topics text (at most ${topicTextMax(key)} characters); null: the default`,
    });

/** Rows of URL buttons under a message, within Telegram's limits. */
const urlButtons = z
  .array(
    z
      .array(
        z.object({
          text: z.string().trim().min(1).max(urlButtonLimits.labelLength),
          url: z.string().refine(isButtonUrl, "must be an http://, https:// or tg:// link"),
        }),
      )
      .min(1)
      .max(urlButtonLimits.perRow),
  )
  .max(urlButtonLimits.rows);

/** Every setting, one zod schema per key; missing fields take their defaults when read. */
export const settingsSchemas = {
  general: z.object({
    dearUserName: text(texts.dearUser),
  }),
  captcha: z.object({
    enabled: z.boolean().default(false),
    kind: z.enum(["emoji", "math"]).default("emoji"),
    attempts: z.number().int().min(1).max(10).default(3),
    expirySeconds: z.number().int().min(30).max(3600).default(300),
    cooldownSeconds: z.number().int().min(0).max(86_400).default(300),
    introText: text(texts.captcha.intro),
    passedText: text(texts.captcha.passed),
  }),
  joinCheck: z.object({
    enabled: z.boolean().default(false),
    recheckEveryInteraction: z.boolean().default(false),
    cacheSeconds: z.number().int().min(0).max(3600).default(60),
    promptText: text(texts.joinCheck.prompt),
  }),
  userReferrals: z.object({
    enabled: z.boolean().default(false),
    /** What /ref answers; {link} and {count} besides the user templates. */
    linkText: text(texts.referralLink),
  }),
  adminReferrals: z.object({ enabled: z.boolean().default(false) }),
  refLinkOnly: z.object({ enabled: z.boolean().default(false), text: text(texts.refLinkOnly) }),
  maintenance: z.object({ enabled: z.boolean().default(false), text: text(texts.maintenance) }),
  deeplinks: z.object({ enabled: z.boolean().default(true) }),
  newUserAlerts: z.object({
    enabled: z.boolean().default(true),
    /** Which admins get alerts; null means every admin. */
    adminIds: z.array(z.number().int()).nullable().default(null),
    /**
     * Newcomers per calendar minute who get an alert of their own; the rest of that minute are
     * counted in one digest message per admin. 0: digests only.
     */
    individualPerMinute: z.number().int().min(0).max(1000).default(10).meta({
      description:
        "Newcomers per calendar minute (UTC) who get an alert of their own; the rest of that minute are counted in one digest message per admin, edited in place. 0: digests only.",
    }),
  }),
  users: z.object({
    /** A session ends after this many minutes without activity. */
    sessionTimeoutMinutes: z.number().int().min(1).max(1440).default(10),
    /** How long "Pause bot" lasts unless an admin picks "until resumed". */
    pauseMinutes: z.number().int().min(1).max(10_080).default(10),
    /** Where a paused user's messages go; null means to each admin's private chat. */
    supportChatId: z.number().int().nullable().default(null),
    /** The fields each row of a users list shows after the user's tags. */
    listFields: z
      .array(z.string().regex(listFieldPattern, `one of ${listFieldNames.join(", ")}, or attribute:<key>`))
      .max(maxListFields)
      .refine((fields) => new Set(fields).size === fields.length, "each field once")
      .default([])
      .meta({
        description: `The fields each row of the admin menu's users lists shows after the tags: ${listFieldNames.join(", ")}, or attribute:<key>`,
      }),
  }),
  mailing: z.object({
    /** Default Dead After for new mailings: consecutive failed deliveries before a user counts as dead. */
    deadAfter: z.number().int().min(1).max(5).default(3),
    ratePerSecond: z.number().int().min(1).max(1000).default(25),
    /** Paid broadcasts (Telegram Stars) lift the limit from 30 to 1000 messages per second. */
    paidBroadcast: z.boolean().default(false),
    /** IANA time zone in which admins type schedule times. */
    timezone: z
      .string()
      .min(1)
      .refine((zone) => canonicalTimeZone(zone) !== null, "not an IANA time zone such as Europe/Berlin")
      .default("UTC"),
  }),
  topics: z.object(
    Object.fromEntries(topicTextKeys.map((key) => [key, topicText(key)])) as Record<
      TopicTextKey,
      ReturnType<typeof topicText>
    >,
  ),
  welcome: z.object({
    enabled: z.boolean().default(true),
    content: messageContent.default({ type: "text", text: texts.welcome }),
    /** URL buttons under the welcome (each user gets tracked links when clicks are tracked). */
    buttons: urlButtons.default([]),
  }),
} as const;

export type SettingKey = keyof typeof settingsSchemas;
export type Settings = { [K in SettingKey]: z.output<(typeof settingsSchemas)[K]> };
export type SettingInput<K extends SettingKey> = z.input<(typeof settingsSchemas)[K]>;

/** A change to some fields of some settings, as the menu and `PATCH /api/settings` send it. */
export type SettingsPatch = { [K in SettingKey]?: Partial<SettingInput<K>> };

export const settingKeys = Object.keys(settingsSchemas) as SettingKey[];

/** Parses a stored (possibly partial or outdated) document; unknown fields are dropped, missing ones defaulted. */
export function parseSetting<K extends SettingKey>(key: K, stored: unknown): Settings[K] {
  const result = settingsSchemas[key].safeParse(stored ?? {});
  if (result.success) return result.data as Settings[K];
  // A stored document that no longer validates must not take the bot down: fall back to defaults.
  return settingsSchemas[key].parse({}) as Settings[K];
}
