import { textsIn } from "../../texts/locale-texts.js";
import type { Locale } from "../../texts/translations.js";
import type { SettingsRepository } from "../settings/settings-repository.js";
import { TopicTextFieldError } from "./topic-errors.js";

/** The /topics texts an admin may override (the setting `topics`), in the order the menu lists them. */
export const topicTextKeys = [
  "list",
  "none",
  "subscribed",
  "unsubscribed",
  "gone",
  "unsubscribeButton",
  "unsubscribedByButton",
  "alreadyUnsubscribed",
] as const;
export type TopicTextKey = (typeof topicTextKeys)[number];

/** What each text is sent as: a message, a press's answer (Telegram: 200 characters) or a button label. */
type Carrier = "message" | "answer" | "button";

// A topic's name (up to 32 characters) replaces the 6 of `{name}`: answers stay within Telegram's 200,
// labels within the 64 of every button label Usher accepts.
const maxLength: Record<Carrier, number> = { message: 4096, answer: 160, button: 38 };

/** Each text's placeholders (filled by the bot, never by the admin) and what carries it. */
export const topicTextRules: Readonly<Record<TopicTextKey, { fields: readonly string[]; carrier: Carrier }>> =
  {
    list: { fields: [], carrier: "message" },
    none: { fields: [], carrier: "message" },
    subscribed: { fields: ["name"], carrier: "answer" },
    unsubscribed: { fields: ["name"], carrier: "answer" },
    gone: { fields: [], carrier: "answer" },
    unsubscribeButton: { fields: ["name"], carrier: "button" },
    unsubscribedByButton: { fields: ["name"], carrier: "answer" },
    alreadyUnsubscribed: { fields: ["name"], carrier: "answer" },
  };

/** The longest an override of `key` may be. */
export const topicTextMax = (key: TopicTextKey): number => maxLength[topicTextRules[key].carrier];

/** The texts /topics and the 🔕 buttons use: each admin override, else its default. */
export type TopicTexts = Record<TopicTextKey, string>;

/** The texts in effect for a user of `locale`: the overrides of the setting `topics`, else the defaults in `locale`. */
export function topicTexts(settings: SettingsRepository, locale: Locale): TopicTexts {
  const overrides = settings.get("topics");
  const defaults = textsIn("topics", locale);
  return Object.fromEntries(topicTextKeys.map((key) => [key, overrides[key] ?? defaults[key]])) as TopicTexts;
}

// Anything written like a field (`{first_name}`, `{attr.plan|free}`); `{}` and `{two words}` are no field.
const fieldPattern = /\{([A-Za-z_][\w.]*(?:\|[^{}]*)?)\}/g;

/** Throws `TopicTextFieldError` when `text`, to be saved as `key`, uses a field the bot does not fill there. */
export function checkTopicText(key: TopicTextKey, text: string): void {
  const allowed = topicTextRules[key].fields;
  for (const match of text.matchAll(fieldPattern)) {
    const field = match[1] as string;
    if (!allowed.includes(field)) throw new TopicTextFieldError(`topics.${key}`, field, allowed);
  }
}

/** Checks every override a settings change sets; null (back to the default) needs no check. */
export function checkTopicTexts(patch: Partial<Record<TopicTextKey, string | null>> | undefined): void {
  for (const key of topicTextKeys) {
    const value = patch?.[key];
    if (typeof value === "string") checkTopicText(key, value);
  }
}
