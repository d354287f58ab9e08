/** What the 🌐 Languages pages (an admin-written text per language) say to admins. */
export const texts = {
  /** On each editor of such a text. */
  button: "🌐 Languages",
  /** The button on a page that edits several texts: each text's languages. */
  namedButton: "🌐 {text}",
  title: "🌐 {text}: languages",
  intro:
    "A user gets the text written for their language (the one chosen with /language, else their Telegram's) when there is one; everyone else gets the default.",
  defaultLine: "• Default: everyone else",
  variantLine: "✅ {language}",
  none: "No other language yet.",
  variantButton: "✅ {language}",
  addButton: "➕ {language}",
  anotherButton: "➕ Another language",
  askLanguage: "Send the language code: 2 or 3 letters such as de, fr or pt.",
  badLanguage: "❌ That is no language code: 2 or 3 letters such as de, fr or pt.",
  languageTitle: "🌐 {text}: {language}",
  has: "Users whose language is {language} get:",
  copied: "a copied message (any content)",
  otherContent: "a poll or an album",
  missing: "No text for {language} yet: its users get the default.",
  previewButton: "👁 Preview",
  writeButton: "✏️ Write",
  replaceButton: "✏️ Replace",
  removeButton: "🗑 Remove",
  askText: "Send the text for {language}.",
  askMessage:
    "Send the message for {language}: text (with formatting) or any other message, which will be copied. URL buttons stay the default's.",
  saved: "✅ Saved: users whose language is {language} get it from now on.",
  confirmRemove: "Remove the {language} text? Its users will get the default.",
  confirmYes: "🗑 Yes, remove",
  confirmNo: "✖️ No",
  gone: "🤷 That text no longer exists.",
  /** What each text is called on the pages (settings texts by their subject, camel-cased). */
  subjects: {
    welcome: "Welcome message",
    dearUser: "Dear User name",
    captchaIntro: "Captcha intro",
    captchaPassed: "Captcha passed",
    joinCheckPrompt: "Join prompt",
    refLinkOnly: "Referral-only refusal",
    maintenance: "Maintenance text",
    referralLink: "/ref text",
    deeplink: "Deeplink {code}",
    question: "Form question {id}",
    step: "Sequence step {id}",
  },
} as const;
