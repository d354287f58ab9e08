/** What the 📜 Audit log page says. */
export const texts = {
  rootButton: "📜 Audit log",
  title: "📜 Audit log",
  heading: "📜 Audit log: page {page} of {pages}, newest first (times in UTC)",
  empty: "📜 Audit log\n\nNothing has been changed yet.",
  previous: "◀",
  next: "▶",
  atFirstPage: "Already on the first page.",
  atLastPage: "Already on the last page.",
} as const;
