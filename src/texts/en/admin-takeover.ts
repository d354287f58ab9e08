/** What the support relay (⏸ pause bot) says to admins: the paused user's card and the outcome of each reply; {placeholders} are filled with renderTemplate. */
export const texts = {
  card: "⏸ Bot paused for {name}\nid {id} · {username}{contact}\n\nTheir messages follow. Reply to any of them to answer as the bot.",
  noUsername: "no username",
  sent: "✅ Sent to {name}.",
  blocked: "❌ Not delivered: {name} has blocked the bot.",
  unreachable: "❌ Not delivered: {name} cannot be reached ({reason}).",
  failed: "❌ Not delivered to {name}: {reason}",
} as const;
