/** What the 🔔 New-user alerts page says. */
export const texts = {
  title: "🔔 New-user alerts",
  on: "ON: chosen admins get one message per new bot user (name, id, username, who invited them).",
  onNobody: "⚠️ ON, but nobody is chosen: no one gets alerts. Tick an admin below, or switch alerts off.",
  off: "OFF: nobody is told about new bot users.",
  everyone: "Who: every admin, including admins added later.",
  some: "Who: the {count} of {total} admins ticked below (admins added later are not included).",
  nobody: "Who: nobody, no admin is ticked.",
  hint: "Tap an admin to tick or untick them.",
  switchLabel: "New-user alerts",
  quota:
    "Busy minutes: after {count} single alerts in a minute, the rest of that minute arrive as one digest per admin, updated in place (how many, and from which campaign or referrer).",
  quotaZero: "Digests only: each minute's newcomers arrive as one digest per admin, updated in place.",
  quotaButton: "🔢 Single alerts per minute: {count}",
  quotaTitle: "🔢 Single alerts per minute",
  quotaHelp:
    "How many newcomers a minute each get an alert of their own; the rest of a busy minute are summed up in one digest message per admin. 0: digests only.",
  quotaUnit: "alerts a minute",
  /** In an alert, for a newcomer without a username. */
  noUsername: "no username",
} as const;
