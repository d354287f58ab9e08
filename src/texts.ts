/**
 * Every default text Usher says. Settings that admins edit start from these; code never inlines
 * user-facing strings elsewhere. Templates: {first_name} {last_name} {full_name} {username} {id}.
 */
export const texts = {
  dearUser: "Dear User",
  welcome: "Welcome, {first_name}! 👋",
  captcha: {
    emojiQuestion: "🤖 Quick check that you are human: tap the {target}",
    mathQuestion: "🤖 Quick check that you are human: how much is {a} + {b}?",
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
    inaccessibleAlert:
      '⚠️ Subscription check: I cannot read the members of "{title}" ({chat_id}): {reason}. ' +
      "Make me an administrator there, or remove the chat from the list. Until then users are let through.",
  },
  refLinkOnly: "🔒 This bot is open by invitation only. Please use a referral link to join.",
  maintenance: "🛠 The bot is under maintenance. Please come back a little later.",
  gatePending: "Please finish the check above first.",
  newUserAlert: "🆕 New user: {full_name} ({username}, id {id}){source}",
  newUserAlertReferrer: "\nInvited by: {name} (id {id})",
  newUserAlertCampaign: "\nCampaign: {name} ({code})",
} as const;
