/** Admin-facing texts of 👤 Preview as… (the mailing wizard, the welcome, deeplinks); filled with fillTemplate. */
export const texts = {
  button: "👤 Preview as…",
  askUser: "👤 Preview as whom? Send a user's id or @username.",
  userNone: "🤷 No user has that id or username. Send another.",
  userMany: "Several users match; send their numeric id.",
  intro: "👤 As {name} (id {id}) gets it (URL buttons untracked: a preview is no click):",
} as const;
