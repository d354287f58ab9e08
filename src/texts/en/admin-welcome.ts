/** What the 👋 Welcome message page and its inputs say to admins. */
export const texts = {
  rootButton: "👋 Welcome message",
  title: "👋 Welcome message",
  on: "Sent after /start.",
  off: "Off: /start gets no welcome.",
  /** The welcome is a message copied from the admin's chat, which the page cannot show. */
  copied: "a copied message (any content: photo, video, album part, …)",
  /** The on/off switch, after ✅ or ❌. */
  switchButton: "Welcome message",
  setButton: "✏️ Set message",
  previewButton: "👁 Preview",
  ask: "Send the new welcome message: text (with formatting) or any other message, which will be copied.",
  /** After "✅ Saved." when the welcome is a copied message. */
  keepCopied: "Keep that message in this chat: it is copied from here.",
} as const;
