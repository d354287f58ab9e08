/** The admin menu's 📬 Sequences page. Placeholders in braces. */
export const texts = {
  rootButton: "📬 Sequences",
  title: "📬 Sequences\n\nDrip campaigns: steps sent one after another, each after its delay.",
  none: "No sequences yet.",
  line: "{state} {name}: {steps} steps, {active} active, {completed} completed",
  item: "{state} {name}",
  newButton: "➕ New sequence",
  askName: "📬 What is the new sequence called?",
  created: "✅ Sequence “{name}” created, switched off. Add its steps, then switch it on.",
  gone: "🤷 That sequence no longer exists.",
  detail:
    "📬 {name}\n\nSending: {enabled}\nOn registration: {registration}\nStop button: {stop}\nTag trigger: {tag}\nDeeplink trigger: {deeplink}\nCampaign trigger: {campaign}\nComing back: {resubscribe}\n\nSubscribers: {active} active, {completed} completed, {stopped} stopped",
  stepLine:
    "{n}. {kind}{form}, after {delay}{window}: sent {sent}, failed {failed}, clicks {clicks}, unsubscribed {unsubscribes}{voters}",
  stepForm: " + form button",
  stepVoters: ", answered {voters}",
  noSteps: "No steps yet.",
  window: " within {start}–{end}",
  kindText: "text",
  kindCopy: "copied message",
  kindAlbum: "album",
  kindPoll: "poll",
  kindQuiz: "quiz",
  enabledLabel: "Sending",
  registrationLabel: "On registration",
  stopLabel: "Stop button",
  resubscribeLabel: "🔁 Coming back: {mode}",
  /** How a user who comes back goes on, as the 🔁 button and the page show it (the API's words). */
  modeRestart: "restart",
  modeResume: "resume",
  addStepButton: "➕ Add step",
  previewButton: "👁 Preview",
  askContent:
    "Send the step's message: a text (templates such as {first_name} work), any message to copy (photo, video, file…), or a poll (📎 → Poll): each subscriber gets a poll of their own, answers kept.",
  askDelay:
    "⏱ How long after the previous step (after subscribing, for the first)? For example 0, 30m, 2h or 1d.",
  delayInvalid:
    "❌ Send a number with m, h or d (minutes, hours, days), such as 30m, 2h or 1d; 0 for at once.",
  askWindow:
    "🕘 In which hours may it be sent (the user's time zone when known, else the bot's)? For example 09:00-20:00, or “any”.",
  windowInvalid: "❌ Send two times such as 09:00-20:00, or “any”.",
  stepAdded: "✅ Step {n} added.",
  previewNone: "This sequence has no steps to preview.",
  campaignButton: "📣 Campaign: {campaign}",
  campaignTitle:
    "📣 Which campaign link subscribes its newcomers to “{name}”? Now: {campaign}.\n\nNewcomers who register through it from now on are subscribed.",
  campaignNone: "No campaign links yet: 📂 Referrals makes them.",
  campaignClear: "✖️ No campaign",
  campaignDeleted: "(deleted)",
  subscribeSegmentButton: "👥 Subscribe a segment",
  askSegment:
    "👥 Whom should “{name}” take in? Send a segment, as for a mailing's audience: conditions separated by spaces must all match, OR between alternatives, - right before a condition negates it.\n\n" +
    "tag:trial · lang:en · status:active · has:email · joined>2026-01-31 · seen>-7d · ref:a<campaign code>\n\n" +
    "Example: tag:trial lang:en\nDays are days in {timezone}. Only live bot users are taken (not dead, banned or gone).",
  segmentNotText: "❌ Send the segment as text, for example tag:trial lang:en",
  segmentNobody: "🤷 No live bot user matches this segment. Send another one.",
  confirmSegment:
    "Subscribe {count} users to “{name}”? Those already in it are left as they are; those who completed or stopped it {resubscribe}.",
  resubscribeRestart: "start over",
  resubscribeResume: "go on where they stopped",
  confirmSegmentButton: "✅ Subscribe them",
  segmentSubscribed: "✅ {subscribed} users subscribed to “{name}” ({count} matched the segment).",
  tagTriggerButton: "🏷 Tag trigger: {tag}",
  askTagTrigger:
    "🏷 Which tag subscribes users to “{name}” when they get it (by any door: the card, the API, a deeplink, a form, an import)? Now: {tag}.\n\nSend the tag, such as trial, or “none” to switch the trigger off. Users who already hold it are not taken in: only those who get it from now on.",
  tagTriggerInvalid: "❌ A tag is up to 32 characters of a-z, 0-9, _ and -, such as trial; or send “none”.",
  tagTriggerSet: "✅ Users who get the tag “{tag}” from now on are subscribed to “{name}”.",
  tagTriggerCleared: "✅ No tag subscribes users to “{name}” any more.",
  deeplinkTriggerButton: "🔗 Deeplink trigger: {deeplink}",
  askDeeplinkTrigger:
    "🔗 Which deeplink subscribes the users who open it to “{name}”? Now: {deeplink}.\n\nSend the deeplink's code (the part after ?start=), or “none” to switch the trigger off.\n\n{deeplinks}",
  deeplinkCodes: "Deeplinks, newest first: {codes}",
  noDeeplinks: "(No deeplinks yet: make one in 🔗 Deeplinks.)",
  deeplinkTriggerInvalid:
    "❌ A deeplink code is 1 to 64 characters of A-Z, a-z, 0-9, _ and -, and does not start as a referral link (r… or a…); or send “none”.",
  deeplinkTriggerSet: "✅ Users who open the deeplink “{code}” are subscribed to “{name}”.",
  deeplinkTriggerUnknown:
    "⚠️ No deeplink has the code “{code}” yet: the trigger works once 🔗 Deeplinks makes one with it.",
  deeplinkTriggerCleared: "✅ No deeplink subscribes users to “{name}” any more.",
  stepButton: "{n}. {kind}",
  stepGone: "🤷 That step no longer exists.",
  stepDetail:
    "📬 {name}: step {n} of {count}\n\n{kind}, after {delay}{window}\nForm button: {form}\n\nSent {sent}, failed {failed}, unknown {unknown}\nClicks {clicks}\nUnsubscribed {unsubscribes}{voters}",
  stepDetailVoters: "\nAnswered the poll {voters}",
  noFormButton: "—",
  formButtonOf: "“{text}” → {form}",
  formGone: "a deleted form",
  moveUpButton: "⬆️ Move up",
  moveDownButton: "⬇️ Move down",
  formButton: "📝 Form button",
  askFormButton:
    "📝 Which form should the button under this step start? Send the form's number and the button's label, such as “2 Sign up”, or “none” to take the button off.\n\n{forms}",
  formLine: "{id}. {name}",
  noForms: "(No forms yet: make one in 📝 Forms.)",
  formButtonInvalid: "❌ Send a form's number and a label (“2 Sign up”), or “none”.",
  formButtonSet: "✅ Step {n} now carries the button “{text}”.",
  formButtonRemoved: "✅ Step {n} no longer carries a form button.",
} as const;

/** The user card's 📬 Sequences page. */
export const cardTexts = {
  button: "📬 Sequences",
  title: "📬 Sequences of {name}",
  none: "In no sequence.",
  line: "• {sequence}: {status}, next step {next}{due}",
  due: " at {at} UTC",
  remove: "➖ {sequence}",
  add: "➕ {sequence}",
} as const;
