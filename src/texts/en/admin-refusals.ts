import { texts as admins } from "./admin-admins.js";
import { texts as deeplinks } from "./admin-deeplinks.js";
import { texts as forms } from "./admin-forms.js";
import { texts as referrals } from "./admin-referrals.js";
import { texts as tools } from "./admin-user-tools.js";
import { texts as users } from "./admin-users.js";

/**
 * What the admin is told when a verb refuses, by the refusal's code (see
 * src/features/menu/refusal-replies.ts). Placeholders: {message} the verb's own words, {reason} the
 * words about the first field at fault (else {message}), {field}, and the error's own values in
 * snake_case ({user_id}, {retry_after_seconds}); {code} is a taken code, {problems} a list.
 */
export const refusalTexts = {
  // Profile values (ProfileFieldError); a campaign's name too.
  ...users.fieldErrors,
  invalid_request: "{reason}",

  // Deeplinks and campaigns.
  invalid_code: "❌ That code is not valid: {reason}",
  referral_prefix: "❌ That code is reserved for referral links: {reason}",
  code_taken: deeplinks.codeTakenMeanwhile,
  invalid_tags: "❌ The tags are not valid: {reason}",
  invalid_deeplink: "❌ That deeplink code is not valid: {reason}",
  invalid_topics: "❌ The topics are not valid: {reason}",

  // Message content (deeplinks and mailings).
  invalid_payload: "❌ The message is not valid: {reason}",
  invalid_text: "❌ The text is not valid: {reason}",
  invalid_markup: "❌ The text's formatting is broken: {reason}",
  invalid_copy: "❌ That message cannot be copied: {reason}",
  invalid_album: "❌ The album is not valid: {reason}",
  invalid_poll: "❌ The poll is not valid: {reason}",
  invalid_buttons: "❌ The buttons are not valid: {reason}",
  buttons_with_album: "❌ Albums cannot carry buttons. Nothing was created.",
  invalid_form_button: "❌ The form button is not valid: {reason}",
  unknown_form: "🤷 There is no such form. Nothing was saved.",
  unknown_template_field:
    "❌ The text uses {{template_field}}, a field no user has. Use a name field ({first_name}, {last_name}, {full_name}, {username}, {id}), a profile field ({email}, {phone}, {language}, {timezone}, {gender}, {country}) or {attr.<key>}, each with an optional fallback: {attr.plan|free}. Nothing was saved.",

  // Mailings.
  invalid_segment: "❌ The segment is not valid: {reason}",
  invalid_variants: "❌ The variants are not valid: {reason}",
  invalid_dead_after: "❌ Dead After is a whole number from 1 to 5.",
  invalid_rate: "❌ The speed is not valid: {reason}",
  paid_broadcast_off: "⚡ Paid broadcasts are switched off in 📬 Mailing defaults. Nothing was created.",
  invalid_schedule: "❌ The schedule time is not valid: {reason}",
  schedule_in_past: "🗓 That time has already passed. Nothing was scheduled; please start again.",
  not_found: "🤷 That no longer exists: someone deleted it meanwhile.",

  // Sequences.
  invalid_name: "❌ The name is not valid: {reason}",
  invalid_delay: "❌ The delay is not valid: {reason}",
  invalid_window: "❌ The sending window is not valid: {reason}",
  invalid_position: "❌ That position is not valid: {reason}",
  unknown_campaign:
    "🤷 That campaign link no longer exists: someone deleted it meanwhile. Nothing was changed.",

  // Variants of texts per language.
  unknown_subject: "🤷 That text no longer exists: someone deleted it meanwhile. Nothing was saved.",

  // Settings.
  ref_link_only_without_links: referrals.refLinkOnlyNeedsLinks,
  rate_above_free_limit:
    "⚡ A speed above 30 messages/s needs paid broadcasts switched on (📬 Mailing defaults). Nothing was changed.",

  // Users.
  is_admin: users.deleteAdmin,
  no_telegram_id: users.noTelegramId,
  not_imported: "❌ Only an imported contact (one without a Telegram id) can be merged into a Telegram user.",
  not_telegram_user: "❌ That is an imported contact without a Telegram id, not a Telegram user.",
  duplicate: tools.notCreated,
  invalid_user: tools.notCreated,
  ambiguous: "❌ More than one user has this phone or email; change or delete one first.",
  conflict: "❌ That phone or email belongs to another Telegram user.",
  import_in_progress: tools.importInProgress,
  import_interrupted: tools.importInterrupted,

  // Admin rights.
  not_owner: admins.ownersOnly,
  is_owner: admins.alreadyOwner,
  already_admin: admins.alreadyAdmin,
  not_added: admins.gone,

  // Forms.
  ...forms.refusals,

  // Topics.
  invalid_topic_name: "❌ That name is not valid: {reason}. Nothing was saved.",
  invalid_topic_description: "❌ That description is not valid: {reason}. Nothing was saved.",
  topic_name_taken: "❌ Another topic is already named {topic_name}. Nothing was saved.",
  unknown_topic: "🤷 That topic no longer exists: someone deleted it meanwhile.",
  unknown_topic_text_field: "❌ {message}. Nothing was saved.",

  // Tracked links.
  too_many_requests: "⏳ Too many requests; try again in {retry_after_seconds} s.",
} as const;

/** Said when an UsherError carries a code no verb declares (never expected): the verb's own words. */
export const unknownRefusal = "❌ Not done: {message}";
