import { texts as urlButtonTexts } from "./admin-url-buttons.js";

/** Admin-facing texts of 📨 Mailing and 🔍 Check Users. Placeholders are filled with fillTemplate. */
export const texts = {
  rootMailingButton: "📨 Mailing",
  rootCheckButton: "🔍 Check Users",

  mailingTitle: "📨 Mailing",
  mailingIntro:
    "Send any message (text with {first_name} templates, photo, video, document, voice, sticker, poll, album) " +
    "to every user or to a filtered group. Messages are copied, without a “forwarded from” header.",
  reach: "Alive users: {alive} · dead: {dead}",
  defaultsLine: "Defaults: Dead After {dead_after} · {rate} messages/s · time zone {timezone}",
  newMailingButton: "✉️ New mailing",
  historyButton: "📜 History",
  defaultsButton: "⚙️ Mailing defaults",

  checkTitle: "🔍 Check Users",
  checkIntro:
    "Probes users with an invisible “typing” action (no message appears) and updates who is alive or " +
    "dead exactly as a mailing does: reachable users are alive again, unreachable ones count toward Dead After.",
  startCheckButton: "▶ Start a check",

  // --- defaults page
  defaultsTitle: "⚙️ Mailing defaults",
  defaultsDeadAfter: "💀 Dead After: {value} failed deliveries in a row make a user dead",
  defaultsRate: "⚡ Speed: {value} messages/s (free limit 30/s)",
  defaultsPaidOn:
    "💫 Paid broadcast: ON. Mailings may go up to 1000 messages/s. Every message of a mailing faster than " +
    "30/s costs Telegram Stars (0.1 ⭐ each), taken from the bot's balance.",
  defaultsPaidOff:
    "💫 Paid broadcast: OFF. Mailings go at most 30 messages/s, free of charge. Switching it on allows up " +
    "to 1000/s for a fee in Telegram Stars (0.1 ⭐ a message) from the bot's balance.",
  defaultsTimezone: "🌍 Time zone: {value} (now {now} there)",
  deadAfterButton: "💀 Dead After: {value}",
  rateButton: "⚡ Speed: {value}/s",
  paidButton: "Paid broadcast (⭐)",
  timezoneButton: "🌍 Time zone: {value}",
  deadAfterTitle: "💀 Dead After (default)",
  deadAfterHelp: "After this many failed deliveries in a row a user counts as dead (blocked the bot).",
  deadAfterUnit: "failed deliveries",
  rateTitle: "⚡ Speed (default)",
  rateHelp: "Messages per second a new mailing goes at.",
  rateUnit: "messages per second",
  rateFreeNote: "Above 30/s only with 💫 Paid broadcast switched on in ⚙️ Mailing defaults.",
  askTimezone:
    "Send the time zone admins type schedule times in, as an IANA name such as Europe/Berlin, " +
    "America/New_York or UTC.",
  badTimezone: "“{value}” is not an IANA time zone. Send a name such as Europe/Berlin or UTC.",

  // --- wizard: shared
  cancelButton: "❌ Cancel",
  cancelled: "Cancelled. Nothing was sent.",
  checkCancelled: "Check cancelled: nobody was checked.",
  useButtons: "Please use the buttons below (or /cancel).",
  backToOptions: "↩️ Options",
  notAdminAnymore: "Only admins can do that.",

  // --- wizard: content
  askContent:
    "📨 New mailing\n\nSend the message to broadcast: a text (formatting kept; templates {first_name} " +
    "{last_name} {full_name} {username} {id}, an unknown name reads as the Dear User text), or a photo, " +
    "video, document, voice, sticker or an album. It is copied, so no “forwarded from” header appears. A " +
    "poll or quiz goes to each recipient as a poll of their own, never anonymous, with every answer kept.",
  notCopyable: "That kind of message cannot be copied. Send a text, media, a sticker, a poll or an album.",
  albumCollecting: "📎 Album: collecting its items. Press ✅ Done when every item is here.",
  albumWaiting: "Send the rest of the album, or press ✅ Done.",
  albumDone: "📎 Album of {count} items.",
  doneButton: "✅ Done",
  copyNote:
    "Keep this chat's copy of the message until the mailing has finished: recipients get a copy of it.",

  // --- wizard: buttons
  askButtons:
    "🔗 URL buttons under the message? One row a line, buttons in a row separated by |, each as\n" +
    "Label - https://example.com\n\nExample:\nOur site - https://example.com | Channel - https://t.me/example\n" +
    "Help - https://example.com/help\n\nOr press ⏭ No buttons.",
  noButtons: "⏭ No buttons",
  buttonsProblem: {
    ...urlButtonTexts.problem,
    none: "No buttons found. Send them as Label - https://example.com, or press ⏭ No buttons.",
  },
  albumNoButtons: "Albums cannot carry buttons, so this mailing has none.",

  // --- wizard: audience
  askAudienceMailing: "👥 Who receives it?",
  askAudienceCheck: "👥 Whom to check? Dead users are usually included, so the revived are found.",
  everyoneAlive: "👥 Everyone alive",
  everyoneWithDead: "👥 Everyone, dead included",
  filterButton: "🎯 Filter…",
  askFilter:
    "🎯 Send a segment: conditions separated by spaces must all match, OR between alternatives, " +
    "- right before a condition negates it, (…) groups.\n\n" +
    "tag:vip · lang:en · status:active · has:email · premium:yes\n" +
    "ref:a<campaign code> · ref:r<referral code> · parent:<user id>\n" +
    "joined>2026-01-31 · seen>-7d (within 7 days) · messages>=10\n" +
    'country=Malaysia · age>30 · city="Kuala Lumpur"\n\n' +
    "Example: tag:vip lang:en -tag:test\n" +
    "Days are days in {timezone}. Dead users are left out unless the segment says dead:yes or dead:no.",
  filterMissing: "Send the segment as text, for example tag:vip lang:en",
  nobodyMatches: "Nobody matches this filter right now. Send another one (or /cancel).",
  audienceCount: "👥 {count} users match.",
  audienceAll: "everyone alive",
  audienceAllWithDead: "everyone, dead included",
  audienceDead: "dead included",
  audienceAlive: "alive only",
  // Audiences stored before segments.
  audienceTags: "tags {value}",
  audienceLanguages: "languages {value}",
  audienceCampaign: "campaign “{value}”",
  audienceReferrer: "invited by user {value}",
  audienceAfter: "registered from {value}",
  audienceBefore: "registered before {value}",

  // --- wizard: options
  optionsTitle: "⚙️ Options",
  optionsHint:
    "Change an option with the buttons below, look at it with 👁 Preview or 🧪 Test send, then ✅ Continue.",
  optionsHintCheck: "Change an option with the buttons below, then ✅ Continue.",
  optionDeadAfter: "💀 Dead After: {value} failed deliveries in a row",
  optionSilent: "🔕 Silent (no notification sound): {value}",
  optionProtect: "🛡 Protect content (no forwarding or saving): {value}",
  optionPin: "📌 Pin the message: {value}",
  optionTopicButton: "🏷 A 🔕 button to unsubscribe from {name} under the message: {value}",
  optionRate: "⚡ Speed: {value} messages/s",
  optionRateCheck: "⚡ Speed: {value} probes/s",
  optionRatePaid: "⚡ Speed: {value} messages/s — a paid broadcast (0.1 ⭐ a message)",
  optionStartNow: "🗓 Starts: now",
  optionStartAt: "🗓 Starts: {at} ({timezone})",
  on: "on",
  off: "off",
  deadAfterKey: "💀 Dead After: {value}",
  silentKey: "🔕 Silent: {value}",
  protectKey: "🛡 Protect: {value}",
  pinKey: "📌 Pin: {value}",
  topicButtonKey: "🏷 Unsubscribe button: {value}",
  rateKey: "⚡ Speed: {value}/s",
  scheduleKeyNow: "🗓 Schedule: now",
  scheduleKeyAt: "🗓 Schedule: {at}",
  previewKey: "👁 Preview",
  testKey: "🧪 Test send",
  previewAsKey: "👤 Preview as…",
  variantsKey: "🎯 Variants: {count}",
  continueKey: "✅ Continue",
  askDeadAfter: "💀 Dead After: after how many failed deliveries in a row is a user dead? Send 1 to 5.",
  badDeadAfter: "Send a whole number from 1 to 5.",
  askRate: "⚡ Speed in messages per second: send a number from 1 to {max}.",
  askRatePaid:
    "⚡ Speed in messages per second: send a number from 1 to {max}. Above 30/s the mailing is a paid " +
    "broadcast: every message costs 0.1 ⭐ from the bot's balance.",
  askRateCheck: "⚡ Speed in probes per second: send a number from 1 to {max}.",
  badRate: "Send a whole number from 1 to {max}.",
  rateAboveFree:
    "{value} messages/s is above Telegram's free limit of 30. To go faster, switch paid broadcast on in " +
    "⚙️ Mailing defaults (it costs Telegram Stars); until then send 1 to 30.",
  rateAboveCheck: "Check Users goes at most 30 probes/s (paid broadcasts do not apply to it). Send 1 to 30.",
  askSchedule:
    "🗓 When should it start? Send the date and time as YYYY-MM-DD HH:mm in {timezone} " +
    "(there it is {now} now), or press ▶ Now.",
  nowButton: "▶ Now",
  scheduleProblem: {
    format: "Write the time as YYYY-MM-DD HH:mm, for example {example}.",
    invalid: "That date does not exist. Write it as YYYY-MM-DD HH:mm.",
    nonexistent: "That time does not exist in {timezone} (the clocks jump over it). Pick another.",
    past: "That time has already passed in {timezone} (now it is {now}). Send a time in the future.",
    zone: "The bot's time zone setting is invalid; fix it in ⚙️ Mailing defaults.",
  },
  previewIntro: "👁 Preview: the message as written, templates left as typed.",
  testIntro: "🧪 Test send: exactly what a recipient gets, with your name filled in and the options applied.",
  sendFailed: "Telegram refused it: {reason}",

  // --- wizard: preview as a user
  askPreviewUser: "👤 Preview as whom? Send a user's id or @username.",
  previewAsIntro: "👤 As {name} (id {id}) gets it — {variant}:",
  previewAsDefault: "the mailing's own message",
  previewAsVariant: "variant {number} ({segment})",

  // --- wizard: variants per segment
  variantsTitle:
    "🎯 Variants: users a segment selects get another message. Each recipient gets the first variant " +
    "whose segment selects them, else the mailing's own message.",
  variantsNone: "No variants yet.",
  variantLine: "{number}. {segment} → {content}",
  addVariantKey: "➕ Add variant",
  clearVariantsKey: "🗑 Remove all variants",
  variantsFull: "A mailing carries at most {max} variants.",
  askVariantSegment:
    "🎯 Who gets this variant? Send a segment (dates in {timezone}), e.g. attr.plan=pro or lang:de.",
  askVariantContent:
    "✉️ Send the variant's message: a text (fields allowed) or a message to copy (no albums).",
  variantNoAlbum: "A variant cannot be an album: send one message.",
  variantNoPoll: "A variant is a text or a copied message: a poll goes out as the mailing's own message.",
  variantAdded: "✅ Variant {number} added.",

  // --- wizard: confirm
  confirmTitle: "📨 Ready to send",
  confirmTitleCheck: "🔍 Ready to check",
  confirmContent: "Content: {value}",
  confirmButtons: "Buttons: {value}",
  confirmVariants: "Variants: {value} (by segment; the rest get the message above)",
  confirmAudience: "Audience: {value}",
  confirmRecipients: "Recipients now: {count}",
  confirmRecipientsScheduled: "Recipients now: {count} (counted again when it starts)",
  confirmNobody: "⚠️ Nobody would receive it right now.",
  confirmProbe: "No message is shown: each user gets an invisible “typing” action.",
  sendNowKey: "🚀 Send now",
  scheduleItKey: "🗓 Schedule it",
  startCheckKey: "🚀 Start the check",
  changeOptionsKey: "✏️ Change options",
  contentText: "text “{preview}”",
  contentCopy: "a copied message",
  contentAlbum: "an album of {count}",
  contentProbe: "none (probe)",
  confirmed: "✅ Confirmed. The status below updates by itself; its buttons pause, resume or cancel.",
  confirmedScheduled: "🗓 Confirmed for {at} ({timezone}). The status below updates once it starts.",
  preparing: "⏳ Preparing…",

  // --- status and report
  kindMailing: "📨 Mailing #{id}",
  kindCheck: "🔍 Check Users #{id}",
  status: {
    scheduled: "🗓 Scheduled",
    queued: "⏳ Starting",
    running: "▶️ Sending",
    paused: "⏸ Paused",
    cancelled: "✖ Cancelled",
    completed: "✅ Completed",
  },
  statusRunningCheck: "▶️ Checking",
  startsAt: "Starts at {at} ({timezone}).",
  startsSoon: "Starts in a moment; recipients are counted then.",
  countsMailing: "✅ Sent: {sent} · ❌ Failed: {failed} · 💀 Dead: {dead} · ⏳ Remaining: {remaining}",
  countsCheck:
    "✅ Alive: {sent} · ❌ Unreachable: {failed} · 💀 Newly dead: {dead} · ⏳ Remaining: {remaining}",
  rateLine: "⚡ {rate} messages/s · about {eta} left",
  rateLineMeasuring: "⚡ measuring the speed…",
  pausedHint: "Nothing is sent while paused. ▶ Resume goes on where it stopped.",
  reportRecipients: "👥 Recipients: {count}",
  // Recipients per language, most first: `ru 120 · es 40 · other 300`.
  reportLanguages: "🌐 By language: {languages}",
  reportLanguageOther: "other",
  reportSent: "✅ Sent: {count}",
  reportAlive: "✅ Alive: {count}",
  reportFailed: "❌ Failed: {count}",
  reportUnreachable: "❌ Unreachable or failed: {count}",
  reportFailure: "   · {kind}: {count}",
  reportUnknown: "❔ Unknown: {count} (a restart interrupted them; never sent twice)",
  reportNotSent: "✖ Not sent (cancelled): {count}",
  reportNotChecked: "✖ Not checked (cancelled): {count}",
  reportDeaths: "💀 Newly dead: {dead} · ♻️ Revived: {revived}",
  reportDuration: "⏱ Duration: {duration}",
  // How a duration reads in the report and the time left: `4s`, `2m 05s`, `1h 03m`.
  duration: {
    seconds: "{seconds}s",
    minutes: "{minutes}m {seconds}s",
    hours: "{hours}h {minutes}m",
  },
  reportStarted: "🕑 Started {at} ({timezone})",
  reportNotStarted: "It was cancelled before it started: nothing was sent.",
  reportNotStartedCheck: "It was cancelled before it started: nobody was checked.",
  failureKinds: {
    blocked: "blocked the bot",
    deactivated: "deleted account",
    chat_not_found: "chat not found",
    cannot_initiate: "never started the bot",
    inaccessible: "no access",
    transient: "network or Telegram errors",
    unknown: "other errors",
  } as Record<string, string>,
  gone: "This mailing no longer exists.",

  // --- controls
  control: {
    pause: "⏸ Pause",
    resume: "▶ Resume",
    cancel: "✖ Cancel",
    csv: "📄 CSV report",
  },
  csvCaption: "Per-recipient outcomes of {name}.",
  csvEmpty: "Nothing was sent yet, so there is no report.",

  // --- history
  historyTitleMailing: "📜 Mailing history",
  historyTitleCheck: "📜 Check Users history",
  historyPage: "Page {page} of {pages}",
  historyEmpty: "Nothing here yet.",
  historyLine: "#{id} · {at} · {status} · {done} of {total}",
  historyItem: "{icon} #{id} · {at}",
  refreshButton: "🔄 Refresh",
  detailContent: "Content: {value}",
  detailAudience: "Audience: {value}",
} as const;
