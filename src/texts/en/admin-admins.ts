/** What the 👮 Admins pages and the add-admin input say to owners, and to the people they add or remove. */
export const texts = {
  rootButton: "👮 Admins",
  title: "👮 Admins",
  ownersOnly: "👮 Admins\n\nOnly owners (ADMIN_IDS) manage admins.",
  intro: "Owners come from ADMIN_IDS and cannot be removed here. Tap an added admin to manage them.",
  ownersHeader: "👑 Owners",
  addedHeader: "👮 Added admins",
  noneAdded: "None yet.",
  line: "{label}, id {id}",
  /** Who added an admin with `usher add-admin`. */
  operator: "the command line (usher add-admin)",
  addButton: "➕ Add admin",
  removeButton: "🗑 Remove",
  confirmButton: "✅ Yes, remove",
  detail: "👮 Admin\n\n{label}, id {id}\nAdded {added_at} UTC by {added_by}.",
  confirm: "🗑 Remove {label} (id {id}) as admin?\n\nThey lose access to this menu at once.",
  gone: "👮 Admin\n\nThis person is no longer an added admin.",
  addPrompt:
    "➕ Who should become an admin? Forward me a message from them, or send their numeric Telegram id, " +
    "or their @username if they have used this bot.",
  hiddenUser:
    "Their privacy settings hide their account in forwarded messages, so I cannot tell who they are. " +
    "Send their numeric Telegram id instead (they can find it with a bot such as @userinfobot), " +
    "or their @username if they have used this bot.",
  notAPerson:
    "That message was forwarded from a chat or channel, not from a person. Forward a message they wrote.",
  howTo: "Forward a message from the person, or send their numeric id or @username (or /cancel).",
  isBot: "That is a bot; only people can be admins. Send someone else (or /cancel).",
  unknownUsername:
    "I do not know anyone called @{username}: they must have used this bot first. " +
    "Send their numeric id instead, or forward a message from them (or /cancel).",
  importedContact:
    "@{username} is only an imported contact, without a Telegram id: it cannot be an admin. " +
    "Forward a message from them, or send their numeric Telegram id (or /cancel).",
  alreadyOwner: "That is an owner already (from ADMIN_IDS). Send someone else (or /cancel).",
  alreadyAdmin: "That person is an admin already. Send someone else (or /cancel).",
  added: "✅ {label} (id {id}) is now an admin.",
  notReached:
    "⚠️ I could not message them (they may not have started the bot yet). " +
    "Ask them to open the bot and send /admin.",
  youAreAdmin:
    "🔐 You are now an admin of this bot. Use the button below, or send /admin, to open the admin menu.",
  youAreNoLongerAdmin: "You are no longer an admin of this bot.",
} as const;
