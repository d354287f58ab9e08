/**
 * What the bot says about topics to users, and the labels of their buttons. Admins override the
 * texts of `topicTextKeys` (src/features/topics/topic-texts.ts) through the setting `topics`.
 */
export const texts = {
  list: "🏷 Topics you can follow. Tap one to subscribe or unsubscribe:",
  line: "{state} {name}: {description}",
  lineWithoutDescription: "{state} {name}",
  none: "🏷 There are no topics to follow yet.",
  subscribedMark: "✅",
  unsubscribedMark: "▫️",
  subscribed: "✅ Subscribed to {name}",
  unsubscribed: "▫️ Unsubscribed from {name}",
  gone: "🤷 That topic no longer exists.",
  unsubscribeButton: "🔕 Unsubscribe from {name}",
  unsubscribedByButton: "🔕 You will no longer get {name} messages.",
  alreadyUnsubscribed: "You are not subscribed to {name}.",
} as const;
