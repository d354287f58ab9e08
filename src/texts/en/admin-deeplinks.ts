/** What the 🔗 Deeplinks pages say to admins; {placeholders} are filled with renderTemplate. */
export const texts = {
  title: "🔗 Deeplinks",
  on: "ON: a link t.me/{bot}?start=<code> sends its content to whoever opens it and gives them its tags.",
  off: "OFF: deeplinks are ignored; people who open one just get the welcome message.",
  none: "No deeplinks yet; ➕ New deeplink creates one.",
  count: "Deeplinks: {count}, newest first (page {page} of {pages}), with how often each was opened:",
  line: "• {code}: {hits}",

  switchLabel: "Deeplinks",
  newButton: "➕ New deeplink",
  item: "🔗 {code}",

  askCode:
    "Send the code for the new deeplink, or auto to have one generated.\n\n" +
    "A code is 1–64 characters: letters A–Z and a–z, digits, _ and -. It must not start with a lower-case r or a " +
    "followed by more characters: such links are read as user referral (r…) and campaign (a…) links.",
  codeFormat:
    "That is not a valid code: use 1–64 characters, only letters A–Z and a–z, digits, _ and -. Send another one, or auto.",
  codeReferralPrefix:
    "A code starting with a lower-case “{prefix}” would be read as a {meaning} link (t.me/…?start={prefix}<code>), " +
    "so this deeplink would never open. Start it with another character (an upper-case {upper} works), or send auto.",
  userReferralMeaning: "user referral",
  campaignMeaning: "campaign",
  codeTaken: "The code {code} is already taken. Send another one, or auto.",
  askContent:
    "Code {code}. Now send the content people get when they open the link: a text (formatting kept; " +
    "fields such as {first_name}, {email|no email} or {attr.plan|free} are filled in for each user) or any other " +
    "message (photo, video, document, voice, sticker, poll…), which is copied to them.",
  askTags:
    "Last step: tags to give everyone who opens the link, separated by spaces or commas " +
    "(each up to 32 characters: a–z, 0–9, _ and -), or - for none.",
  tagsEmpty: "Send at least one tag, or - for none.",
  tagInvalid: "“{tag}” is not a valid tag: up to 32 characters of a–z, 0–9, _ and -. Send the tags again.",
  tooManyTags: "That is {count} tags; at most {max}, please. Send the tags again.",
  created: "✅ Deeplink created:\n{link}",
  createdTags: "Tags: {tags}",
  createdCopyNote:
    "The link copies the message you sent above: do not delete it from this chat, or the link stops delivering it.",
  deeplinksAreOff: "Deeplinks are switched off: switch them on for the link to work.",
  codeTakenMeanwhile:
    "The code {code} was taken meanwhile by another admin. Nothing was created; please start again.",

  detailTitle: "🔗 Deeplink {code}",
  detailBody: "Link: {link}\nOpened: {hits} times\nTags: {tags}\nContent: {kind}\nButtons: {buttons}",
  noTags: "none",
  kindText: "text (templates filled in for each user)",
  kindCopy: "a copy of message {message_id} in chat {chat_id} (photo, video, document or any other kind)",
  gone: "This deeplink no longer exists.",
  previewButton: "👁 Preview",
  previewFailed:
    "The content could not be sent: {reason}. If the stored message was deleted from its chat, create the deeplink again.",
  deleteButton: "🗑 Delete",
  buttonsGone: "This deeplink was deleted meanwhile; nothing was changed.",
  confirmDelete:
    "Delete the deeplink {code}?\n\nIts link stops working (people who open it get the welcome message). " +
    "Tags it already gave stay on those users.",
  confirmYes: "✅ Yes, delete",
  confirmNo: "✖ No, keep it",
} as const;
