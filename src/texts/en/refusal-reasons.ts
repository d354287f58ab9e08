/**
 * Why a verb refused, by feature and reason id: the words after a refusal's own text ("❌ The name is
 * not valid: {reason}"), and the English the API answers with (see src/texts/refusal-reasons.ts).
 */
export const texts = {
  topics: {
    name: "A topic's name has 1 to 32 letters, digits, _ and -, without spaces",
    description: "A topic's description has at most {max} characters",
    textField: "{field} is no field of this text; the fields it takes: {fields}",
    textFieldNone: "{field} is no field of this text; the fields it takes: none",
  },
  forms: {
    name: "A name has 1 to {max} characters",
    text: "A text has 1 to 4096 characters",
    tag: "A tag has up to 32 characters of a-z, 0-9, _ and -",
    expiry: "From 1 to {max} minutes",
    topicNeedsChoice: "Only a choice question can subscribe to a topic",
    unknownTopic: "No topic is named {name}",
    kind: "A kind is one of {kinds}",
    prompt: "A question has 1 to {max} characters",
    reask: "A re-ask text has at most {max} characters",
    topicTarget: "A topic question's target is topic",
    fieldTarget: "A field is first_name, last_name, gender, email or phone",
    kindCannotFill: "A {kind} question cannot fill {field}",
    attributeTarget: "An attribute key has 1 to 64 characters of a-z, 0-9 and _",
    choices: "1 to {max} different choices of up to {length} characters, none starting with /",
    choicesOnlyForChoice: "Only a choice question has choices",
    order: "Name each of the form's questions once: {ids}",
  },
  sequences: {
    name: "A name has 1 to 100 characters",
    text: "The text must have 1 to 4096 characters",
    pollAttribute: "The attribute key is 1 to 64 of a-z, 0-9 and _",
    album: "An album is 2 to 10 messages of one chat",
    albumButtons: "Albums cannot carry buttons",
    copy: "Name the chat and the message to copy",
    formButton: "A form button names a form and has a label of 1 to {max} characters",
    delay: "A delay is 0 ms to 366 days",
    window: "A window is two different times of day (minutes 0 to 1439)",
    tag: "A tag has up to 32 characters of a-z, 0-9, _ and -",
    deeplink:
      "A deeplink code has 1 to 64 characters of A-Z, a-z, 0-9, _ and -, and does not start as a referral link",
    position: "A position is 0 to {last}",
  },
  campaigns: {
    blankName: "The name is blank",
    longName: "The name has {length} characters; at most {max}",
    code: "A code has 1 to 63 characters of A-Z, a-z, 0-9, _ and -",
  },
  deeplinks: {
    code: "A code has 1 to 64 characters of A-Z, a-z, 0-9, _ and -",
    userReferralPrefix:
      "A code starting with a lower-case {letter} reads as a user referral link and would never open; start it with another character",
    campaignPrefix:
      "A code starting with a lower-case {letter} reads as a campaign link and would never open; start it with another character",
    text: "The text must have 1 to 4096 characters",
    copy: "Name the chat and the message to copy",
    notATag: '"{tag}" is not a tag: up to 32 characters of a-z, 0-9, _ and -',
    tooManyTags: "{count} tags; at most {max}",
    noTags: "No tags",
    tooManyTopics: "{count} topics; at most {max}",
    unknownTopic: "No topic is named {name}",
  },
  variants: {
    textLength: "The text must have 1 to {max} characters",
    notAMessage: "The content must be a message (text or copy) like the default's",
    pollStep: "This step is a poll: its text in another language is a poll too (the same poll translated)",
    pollAnswersOne:
      "This step's poll in another language takes the same answers: {count} options, one to choose",
    pollAnswersSeveral:
      "This step's poll in another language takes the same answers: {count} options, several to choose",
    quizAnswersOne:
      "This step's poll in another language takes the same answers: {count} options, one to choose, the same right options",
    quizAnswersSeveral:
      "This step's poll in another language takes the same answers: {count} options, several to choose, the same right options",
    notPollStep:
      "This step is no poll: a poll stands in only for a poll step (its answers are recorded against the step's poll)",
    albumButtons: "Albums cannot carry buttons, and this step has some",
  },
  mailing: {
    probesOnly: "Check Users sends probes; mailings send a message",
    pollAttribute: "The attribute key is 1 to 64 of a-z, 0-9 and _",
    album: "An album copies 1 to 100 messages of one chat",
    albumButtons: "Albums cannot carry URL buttons",
    text: "The text must have 1 to 4096 characters",
    copy: "Name the chat and the message to copy",
    variantsOnlyMailings: "Only mailings with a message carry variants",
    tooManyVariants: "At most {max} variants",
    variantNeedsSegment: "A variant needs a segment: for everyone, change the mailing's own message",
    pollVariants: "A poll goes to everyone alike: its answers are counted together",
    rate: "The rate is a whole number of messages a second",
    schedule: "The start time is not a valid time",
    scheduleInPast: "The start time must be in the future",
  },
} as const;
