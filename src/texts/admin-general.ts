/** Admin-facing texts of ⚙️ General: the bot-wide settings that belong to no other page. */
export const texts = {
  rootButton: "⚙️ General",
  title: "⚙️ General",
  dearUserName: "Dear User name: {name}\n(what templates and lists call a user who has no first name)",
  dearUserNameButton: "✏️ Dear User name",
  askDearUserName:
    "Send the new Dear User name: what {first_name} and user lists show for a user without a first name. Currently: {name}",
} as const;
