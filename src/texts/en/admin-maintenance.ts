/** What the 🛠 Maintenance page and its input say to admins. */
export const texts = {
  extensionsButton: "🛠 Maintenance",
  title: "🛠 Maintenance",
  on: "ON: users see only the text below; admins are not affected.",
  off: "OFF: the bot works normally.",
  /** Above the text users see meanwhile (the admin's own, shown as it is). */
  textHeader: "Text:",
  /** The on/off switch, after ✅ or ❌. */
  switchButton: "Maintenance mode",
  editButton: "✏️ Edit text",
  ask: "Send the new maintenance text.",
} as const;
