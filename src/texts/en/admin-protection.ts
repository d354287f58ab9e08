/** Admin-facing texts of 📂 Protection: the captcha and subscription-check pages and their inputs; {placeholders} are filled with fillTemplate. */
export const texts = {
  protection: {
    title:
      "📂 Protection\n\nThe checks a newcomer passes before becoming a bot user: first the captcha, then the subscription check.",
    captchaLink: "🤖 Captcha",
    joinCheckLink: "📢 Subscription check",
  },
  captcha: {
    title: "🤖 Captcha",
    on: "ON: newcomers must pass it before anything else; admins never see it.",
    off: "OFF: newcomers skip it.",
    switch: "Captcha",
    kinds: { emoji: "😀 Emoji", math: "🔢 Math" },
    kindHelp: { emoji: "tap the named emoji among six", math: "pick the sum of two digits" },
    kindButton: "Kind: {kind}",
    attemptsButton: "Attempts: {attempts}",
    expiryButton: "Expiry: {duration}",
    cooldownButton: "Cool-down: {duration}",
    editIntro: "✏️ Intro text",
    editPassed: "✏️ Passed text",
    summary:
      "Kind: {kind} ({help})\nAttempts: {attempts}, then a cool-down of {cooldown}\nEach challenge expires after {expiry}",
    introHeading: "Intro text (above each challenge):",
    passedHeading: "Passed text:",
    askIntro: "Send the new captcha intro text (shown above each challenge).",
    askPassed: "Send the new text shown when a newcomer passes the captcha.",
    noCooldown: "none",
    // A duration on the captcha and subscription-check pages.
    seconds: "{seconds} s",
    minutes: "{minutes} min",
    minutesSeconds: "{minutes} min {seconds} s",
    attemptsTitle: "🔁 Captcha attempts",
    attemptsHelp: "Wrong answers a newcomer may give before the cool-down.",
    attemptsUnit: "attempts",
    expiryTitle: "⏳ Captcha expiry",
    expiryHelp: "How long a challenge stays open; an expired one is replaced by a new one.",
    expiryUnit: "seconds",
    cooldownTitle: "🧊 Captcha cool-down",
    cooldownHelp: "How long a newcomer waits after using up their attempts (0: no wait).",
    cooldownUnit: "seconds",
  },
  joinCheck: {
    title: "📢 Subscription check",
    on: "ON: newcomers must join every chat below; missing ones are shown as join buttons.",
    off: "OFF: nobody is asked to join anything.",
    recheckOn: "Re-check on every interaction: a bot user who leaves a chat loses access until they rejoin.",
    recheckOff: "Checked once, when a newcomer arrives.",
    recheckIdle:
      "Re-check on every interaction: not in effect while the check is off (applies when the check is on).",
    switch: "Subscription check",
    recheckSwitch: "Re-check every interaction",
    cacheButton: "🕑 Membership cache: {duration}",
    cacheTitle: "🕑 Membership cache",
    cacheHelp:
      "How long a membership Telegram confirmed is trusted before it is asked again (none: asked every time).",
    cacheUnit: "seconds",
    editPrompt: "✏️ Prompt text",
    addChat: "➕ Add chat",
    promptHeading: "Prompt text:",
    chatsHeading: "Required chats:",
    noChats: "No chats yet: the check lets everyone through. Add one below.",
    chatButton: "📢 {title}",
    askPrompt: "Send the new text shown above the join buttons.",
  },
  chat: {
    details: "📢 {title}\n\nId: {chat_id}\nJoin link: {join_url}",
    gone: "This chat is not in the list (any more).",
    remove: "🗑 Remove",
    confirm: "Remove “{title}” from the required chats?\n\nNewcomers will no longer be asked to join it.",
    confirmYes: "🗑 Yes, remove",
    confirmNo: "✖ Cancel",
    removed: "Removed.",
    notInList: "That chat is not in the list.",
  },
  addChat: {
    ask:
      "Send the chat newcomers must join. Any of:\n" +
      "• a post forwarded from the channel (or a message forwarded from the group)\n" +
      "• its @username or public link (t.me/username)\n" +
      "• its id, like -1001234567890\n\n" +
      "First make @{bot} an administrator there.",
    privateInvite:
      "A private invite link (t.me/+… or joinchat) cannot be looked up by a bot. Forward a post from the chat to me, or send its id (like -1001234567890).",
    forwardedFromUser:
      "That message was forwarded from a person, not from a channel or group. Forward a post from the channel itself, or send its @username or id.",
    userId: "That id is a person's. Channel and group ids are negative, like -1001234567890.",
    unrecognized:
      "I can't read a chat from that. Forward a post from the channel, or send its @username, its id (like -1001234567890) or its link (t.me/username).",
    notFound: "I can't find that chat. Add @{bot} to the chat as an administrator, then send it again.",
    privateChat: "That is a private chat with a person. Only channels and groups can be required.",
    duplicate: "“{title}” is already in the list. Send another chat, or /cancel.",
    botNotAdmin:
      "I am not an administrator of “{title}”. Make @{bot} an administrator of {title}, then send the chat again.",
    failed: "Telegram did not answer as expected ({description}). Send the chat again in a moment.",
    askJoinLink:
      "“{title}” has no public username and I could not get an invite link (I need the right to invite users). Send an invite link to it, like https://t.me/+AbCdEf123.",
    badJoinLink:
      "That is not a Telegram join link. Send a link like https://t.me/+AbCdEf123 or https://t.me/username.",
    alreadyListed: "“{title}” is already in the list.",
    added: "✅ Added “{title}”.",
    inviteLinkName: "Usher subscription check",
  },
} as const;
