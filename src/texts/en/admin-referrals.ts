/** What the 📂 Referrals pages say to admins; {placeholders} are filled with renderTemplate. */
export const texts = {
  title: "📂 Referrals",
  userReferralsOn:
    "👥 User referrals: ON. Every user gets a personal link with /ref; newcomers who open it are credited to them.",
  userReferralsOff: "👥 User referrals: OFF. Personal links credit nobody.",
  linkTextHeading: "Text of /ref ({link} and {count} are filled in):",
  campaignsOn: "📣 Campaign links: ON. Newcomers who open a campaign link are counted for it.",
  campaignsOff: "📣 Campaign links: OFF. Campaign links count nobody.",
  campaignsNone: "No campaigns yet; ➕ New link creates one.",
  campaignsCount:
    "Campaigns: {count}, newest first (page {page} of {pages}), with the users who came through each:",
  campaignLine: "• {name}: {users}",
  campaignsNotCounting:
    "⚠️ Campaign links are off, so new people are not being counted: these numbers stay as they are until you switch campaign links on.",
  refLinkOnlyOn:
    "🔒 Access only by ref. link: ON. Newcomers without a valid user or campaign link are turned away with:",
  refLinkOnlyOnUserLinksOnly:
    "🔒 Access only by ref. link: ON. Only users' personal links let newcomers in; campaign links are off, so newcomers who open one are turned away too, with:",
  refLinkOnlyOnCampaignsOnly:
    "🔒 Access only by ref. link: ON. Only campaign links let newcomers in; user referrals are off, so personal links (and /ref) do nothing. Others are turned away with:",
  refLinkOnlyLocksEveryoneOut:
    "⚠️ Access only by ref. link: ON, but user referrals and campaign links are both off, so EVERY newcomer is turned away. Switch one of them on, or this off. They are told:",
  refLinkOnlyOff: "🔒 Access only by ref. link: OFF. Anyone may join. When on, others are told:",

  userReferralsSwitch: "User referrals",
  linkTextButton: "✏️ Link text",
  campaignsSwitch: "Campaign links",
  newCampaignButton: "➕ New link",
  refLinkOnlySwitch: "Access only by ref. link",
  refLinkOnlyTextButton: "✏️ Text",
  campaignItem: "📣 {name}",

  askLinkText:
    "Send the new text users get for /ref. {link} is replaced by their personal link and {count} by the number of friends who joined through it; {first_name} and the other user templates work too.",
  askRefLinkOnlyText: "Send the new text for newcomers who come without a referral link.",
  askCampaignName: "Send a name for the new campaign link (1–64 characters), e.g. Instagram spring ads.",
  campaignNameTooLong: "That name has {length} characters; at most 64, please. Send a shorter one.",
  campaignCreated: "✅ Campaign “{name}” created. Its link:\n{link}",
  campaignsAreOff: "Campaign links are switched off: switch them on for this link to count newcomers.",
  campaignsAreOffRefOnly:
    "Campaign links are switched off and access is only by ref. link, so this link turns newcomers away: switch campaign links on for it to let them in and count them.",
  refLinkOnlyNeedsLinks:
    "Switch on user referrals or campaign links first: with neither, access only by ref. link would turn every newcomer away.",
  lastLinkKindNeeded:
    "Access only by ref. link is on and needs user referrals or campaign links: with neither, every newcomer would be turned away. Switch it off first.",

  campaignTitle: "📣 Campaign “{name}”",
  campaignDetails: "Link: {link}\nUsers who came through it: {users} (active: {active})\nCreated: {created}",
  campaignNotCounting:
    "⚠️ Campaign links are off, so new people are not being counted through this link: switch campaign links on to count them.",
  campaignActiveHint: "Active users are bot users who have not blocked the bot.",
  campaignGone: "This campaign no longer exists.",
  deleteButton: "🗑 Delete",
  confirmDelete:
    "Delete the campaign “{name}”?\n\nIts link stops counting newcomers. Users who came through it ({users}) stay bot users; they are just no longer tied to a campaign.",
  confirmYes: "✅ Yes, delete",
  confirmNo: "✖ No, keep it",
} as const;

/** A date as admins read it in the menu. */
export function formatDate(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** The start of a long text, for showing it on a page. */
export function preview(text: string, length = 600): string {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}
