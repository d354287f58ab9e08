/** What the 📊 Statistics page says. */
export const texts = {
  rootButton: "📊 Statistics",
  title: "📊 Statistics (as of {now} UTC)",
  users:
    "👥 Users: {total}\n✅ Active: {active} (💀 dead among them: {dead})\n⏳ Pending at the gate: {pending}\n🚫 Banned: {banned}",
  newUsers: "🆕 New bot users (UTC days, today included)\nToday: {today} · 7 days: {week} · 30 days: {month}",
  referrersHeader: "🤝 Top referrers",
  referrer: "{rank}. {name} (id {id}): {count}",
  campaignsHeader: "📣 Top campaigns (users / active)",
  campaign: "{rank}. {name} ({code}): {users} / {active}",
  languagesHeader: "🌍 Bot users by language",
  other: "other",
  unknown: "unknown",
  none: "None yet.",
  refresh: "🔄 Refresh",
  upToDate: "✅ Up to date (as of {now} UTC)",
} as const;
