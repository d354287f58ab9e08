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
  askSessionTimeout:
    "After how many minutes without activity does a user's session end? Send a whole number from {min} to {max}. Currently: {minutes}.",
  pause: "Pause length: {minutes} min\n(how long ⏸ Pause bot on a user card keeps the bot silent)",
  pauseButton: "⏸ Pause length: {minutes} min",
  askPause:
    "How many minutes should ⏸ Pause bot on a user card last? Send a whole number from {min} to {max}. Currently: {minutes}.",
  notWholeNumber: "Send a whole number of minutes from {min} to {max}, like {example}.",
  outOfRange: "{number} is out of range: send a whole number of minutes from {min} to {max}.",
} as const;
