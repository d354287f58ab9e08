import type { TopicSource } from "../../db/schema/index.js";
import type { TopicTextKey } from "../../features/topics/topic-texts.js";

/** What the admin menu's 🏷 Topics pages say. */
export const texts = {
  extensionsButton: "🏷 Topics",
  title: "🏷 Topics\n\nUsers follow topics with /topics; a mailing to topic:<name> reaches the subscribers.",
  none: "No topics yet.",
  count: "{count} topics (page {page} of {pages}):",
  line: "• {name}: {subscribers} subscribers",
  item: "🏷 {name}",
  newButton: "➕ New topic",
  topicTitle: "🏷 {name}",
  topicDetails: "{description}\n\nSubscribers: {subscribers}\nIn a segment: topic:{name}",
  noDescription: "(no description)",
  gone: "🤷 That topic no longer exists.",
  renameButton: "✏️ Rename",
  describeButton: "📝 Description",
  deleteButton: "🗑 Delete",
  confirmDelete:
    "Delete the topic {name}? Its {subscribers} subscribers are unsubscribed. This cannot be undone.",
  confirmYes: "🗑 Yes, delete",
  confirmNo: "No, keep it",
  askName: "Send the topic's name: 1 to 32 letters, digits, _ and -, without spaces (e.g. News).",
  askDescription: "Send the topic's description (at most 256 characters), or - for none.",
  created: "✅ Topic {name} created. Users see it in /topics.",
  saved: "✅ Saved.",
  // The texts users see.
  textsButton: "📝 Texts",
  textsTitle:
    "📝 Texts of /topics\n\nWhat users read in /topics and under topic mailings. Press one to change it, or to go back to the default.",
  textsLine: "• {label}{changed}: {value}",
  textsChanged: " (changed)",
  textTitle: "📝 {label}\n\n{value}\n\n{origin}\nFields it takes: {fields}. At most {max} characters.",
  textDefault: "This is the default.",
  textOverride: "Changed by an admin; the default:\n{default}",
  noFields: "none",
  editTextButton: "✏️ Change",
  resetTextButton: "↩ Back to the default",
  askText: "Send the new text of “{label}”. Fields it takes: {fields}. At most {max} characters.",
  textTooLong: "That text has {length} characters; this one takes at most {max}. Send a shorter one.",
  // The user card.
  cardButton: "🔖 Topics",
  cardTitle:
    "🏷 Topics of {user}\n\n{lines}\n\nPress a ✅ topic to unsubscribe the user, a ▫️ one to subscribe them.",
  cardSubscribed: "✅ {name} ({source}, since {since})",
  cardNotSubscribed: "▫️ {name}",
  cardNoTopics: "There are no topics yet: create them under 🧩 Extensions → 🏷 Topics.",
} as const;

/** How the admin area names what subscribed a user. */
export const sourceLabels: Readonly<Record<TopicSource, string>> = {
  user: "by themselves",
  button: "by a button",
  deeplink: "by a deeplink",
  form: "by a form",
  admin: "by an admin",
  api: "by the API",
};

/** How the 📝 Texts pages name each /topics text an admin may override. */
export const topicTextLabels: Readonly<Record<TopicTextKey, string>> = {
  list: "Header of /topics",
  none: "/topics when there are no topics",
  subscribed: "Answer: subscribed",
  unsubscribed: "Answer: unsubscribed",
  gone: "Answer: the topic no longer exists",
  unsubscribeButton: "🔕 button under topic mailings",
  unsubscribedByButton: "Answer to 🔕",
  alreadyUnsubscribed: "Answer to 🔕 when not subscribed",
};
