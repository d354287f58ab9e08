/**
 * Every default text Usher says. Settings that admins edit start from these; code never inlines
 * user-facing strings elsewhere. Admin-editable texts take the fields of
 * src/features/personalization/template-fields.ts ({first_name}, {email|none}, {attr.plan|free}…).
 */
export const texts = {
  dearUser: "Dear User",
  welcome: "Welcome, {first_name}! 👋",
  captcha: {
    intro: "🤖 Quick check that you are human.",
    emojiQuestion: "Tap the {target}",
    mathQuestion: "How much is {a} + {b}?",
    wrong: "❌ That was not right. Here is a new one.",
    expired: "⌛ That check expired. Here is a fresh one.",
    cooldown: "⏳ Too many wrong answers. Try again in {minutes} min.",
    passed: "✅ Thanks, you passed the check.",
    stale: "This check is no longer valid.",
  },
  joinCheck: {
    prompt: "📢 To use this bot, please join:",
    joinedButton: "I've joined ✅",
    stillMissing: "You have not joined every chat yet.",
    unavailable: "⏳ I could not check your subscriptions just now. Please try again in a moment.",
    retryButton: "🔄 Try again",
    inaccessibleAlert:
      '⚠️ Subscription check: I cannot read the members of "{title}" ({chat_id}): {reason}. ' +
      "Make me an administrator there, or remove the chat from the list. Until then users are let through.",
  },
  refLinkOnly: "🔒 This bot is open by invitation only. Please use a referral link to join.",
  maintenance: "🛠 The bot is under maintenance. Please come back a little later.",
  gatePending: "Please finish the check above first.",
  language: {
    prompt: "🌐 Choose your language:",
    chosen: "✅ I will speak English with you.",
  },
  referralLink:
    "🤝 Invite friends with your personal link:\n{link}\n\nFriends who joined through it: {count}",
  newUserAlert: "🆕 New user: {full_name} ({username}, id {id}){source}",
  newUserAlertReferrer: "\nInvited by: {name} (id {id})",
  newUserAlertCampaign: "\nCampaign: {name} ({code})",
  newUserDigest: {
    heading: "🆕 {count} new users in the minute from {time} UTC: {sources}",
    headingOne: "🆕 1 new user in the minute from {time} UTC: {sources}",
    campaign: "{count} via campaign {name}",
    deletedCampaign: "{count} via a deleted campaign",
    referrer: "{count} referred by {name} (id {id})",
    direct: "{count} direct",
    otherSources: "{count} from {sources} other sources",
    besidesSingles: "Besides the {count} announced one by one above.",
    counting: "⏳ Still counting: this message is updated until the minute ends.",
    final: "✅ Final count.",
  },
  admin: {
    keyboardButton: "🔐Admin",
    keyboardHint: "Tap 🔐Admin below (or send /admin) to manage the bot.",
    rootTitle:
      "🔐 Admin\n\nManage Usher from here. Every change takes effect at once and is written to the audit log.",
    /** The root menu's web_app button (only with an https PUBLIC_URL). */
    openAppButton: "📱 Open app",
    /** The bot's menu button in an admin's chat, next to the input field: kept short. */
    appMenuButton: "📱 App",
    back: "⬅ Back",
    on: "✅",
    off: "❌",
    menuOutdated: "The menu changed meanwhile; here is the current one.",
    cancelHint: "Send /cancel to stop.",
    cancelled: "Cancelled. Nothing was changed.",
    nothingToCancel: "There is nothing to cancel.",
    notAllowed: "Only admins can do that.",
    emptyText: "The text is empty. Send some text, please.",
    textTooLong: "That text has {length} characters; Telegram allows at most 4096. Send a shorter one.",
    notText: "Please send text (or /cancel).",
    saved: "✅ Saved.",
    pageOf: "Page {page} of {pages}.",
    usersButton: "👥 Users",
    /** 🧩 Extensions: the root's page of the gate's parts, whose own pages say the rest. */
    extensions: {
      button: "🧩 Extensions",
      title: "🧩 Extensions\n\nThe steps of the new-user gate.",
      protectionButton: "📂 Protection",
      referralsButton: "📂 Referrals",
      deeplinksButton: "🔗 Deeplinks",
      alertsButton: "🔔 New-user alerts",
    },
  },
} as const;

/** How each language Usher speaks names itself on the /language buttons (never translated). */
export const languageNames = {
  en: "🇬🇧 English",
  ru: "🇷🇺 Русский",
  es: "🇪🇸 Español",
} as const;
