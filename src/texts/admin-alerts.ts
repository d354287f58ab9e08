/** What the 🔔 New-user alerts page says. */
export const texts = {
  title: "🔔 New-user alerts",
  on: "ON: chosen admins get one message per new bot user (name, id, username, who invited them).",
  off: "OFF: nobody is told about new bot users.",
  everyone: "Who: every admin, including admins added later.",
  some: "Who: the {count} of {total} admins ticked below (admins added later are not included).",
  nobody: "Who: nobody, no admin is ticked.",
  hint: "Tap an admin to tick or untick them.",
  switchLabel: "New-user alerts",
} as const;
