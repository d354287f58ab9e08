import { referralLinkFields } from "../gate/referrals/referral-link-fields.js";
import { checkTemplateFields } from "../personalization/template-fields.js";
import { checkTopicTexts } from "../topics/topic-texts.js";
import type { SettingsPatch } from "./settings.js";

/** The texts among the settings that users get with their fields filled, and the fields each adds. */
const templateTexts: ReadonlyArray<readonly [keyof SettingsPatch, string, readonly string[]]> = [
  ["captcha", "introText", []],
  ["captcha", "passedText", []],
  ["joinCheck", "promptText", []],
  ["userReferrals", "linkText", referralLinkFields],
  ["refLinkOnly", "text", []],
  ["maintenance", "text", []],
];

/**
 * Throws `UnknownTemplateFieldError` when a text the patch sets (a gate text, the welcome) uses a
 * field no user has, `TopicTextFieldError` when a /topics text uses a field it does not take. Only what the patch sets is read: a stored text never blocks other edits.
 */
export function checkSettingTemplates(patch: SettingsPatch): void {
  for (const [key, field, extra] of templateTexts) {
    const value = (patch[key] as Record<string, unknown> | undefined)?.[field];
    if (typeof value === "string") checkTemplateFields(value, `${key}.${field}`, extra);
  }
  checkTopicTexts(patch.topics);
  const welcome = patch.welcome?.content;
  if (welcome?.type === "text") checkTemplateFields(welcome.text, "welcome.content.text");
}
