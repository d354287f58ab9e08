/** Admin-facing texts of ⚙️ General: the bot-wide settings that belong to no other page. */
export const texts = {
  rootButton: "⚙️ General",
  title: "⚙️ General",
  dearUserName: "Dear User name: {name}\n(what templates and lists call a user who has no first name)",
  dearUserNameButton: "✏️ Dear User name",
  askDearUserName:
    "Send the new Dear User name: what {first_name} and user lists show for a user without a first name. Currently: {name}",
  sessionTimeout: "Session length: {minutes} min\n(a user's session ends after this long without activity)",
  sessionTimeoutButton: "⏱ Session length: {minutes} min",
  sessionTimeoutTitle: "⏱ Session length",
  sessionTimeoutHelp: "A user's session ends after this many minutes without activity.",
  pause: "Pause length: {minutes} min\n(how long ⏸ Pause bot on a user card keeps the bot silent)",
  pauseButton: "⏸ Pause length: {minutes} min",
  pauseTitle: "⏸ Pause length",
  pauseHelp: "How long ⏸ Pause bot on a user card keeps the bot silent.",
  minutesUnit: "minutes",
  minutes: "{minutes} min",
  supportChat: "Support chat: {chat}\n(where a paused user's messages are relayed)",
  supportChatNone: "Support chat: none, a paused user's messages go to each admin's private chat",
  supportChatButton: "💬 Support chat",
  supportChatReset: "↩ Relay to admins' private chats",
  askSupportChat:
    "Send the chat a paused user's messages should go to. Any of:\n" +
    "• a message forwarded from it\n" +
    "• its @username or public link (t.me/username)\n" +
    "• its id, like -1001234567890\n\n" +
    "First add @{bot} there so it can post (in a channel: as an administrator allowed to post messages).",
  supportChatSaved: "Saved. A paused user's messages now go to “{title}” ({id}).",
  supportChatProblems: {
    private_invite:
      "A private invite link cannot be looked up by a bot. Forward a message from the chat, or send its id (like -1001234567890).",
    forwarded_from_user:
      "That message was forwarded from a person, not from a group or channel. Forward one from the chat itself, or send its @username or id.",
    user_id: "That id is a person's. Group and channel ids are negative, like -1001234567890.",
    unrecognized:
      "I can't read a chat from that. Forward a message from it, or send its @username, its id (like -1001234567890) or its link (t.me/username).",
    not_found: "I can't find that chat. Add @{bot} to it, then send it again.",
    private_chat: "That is a private chat with a person. Choose a group or a channel.",
    cannot_post:
      "I can't post in “{title}”. Let @{bot} send messages there (in a channel: make it an administrator allowed to post), then send the chat again.",
    failed: "Telegram did not answer as expected ({description}). Send the chat again in a moment.",
  },
} as const;
