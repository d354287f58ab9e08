/** What the admin menu says about poll mailings: the wizard's poll step and the results table. */
export const texts = {
  // --- wizard
  contentPoll: "poll “{question}” ({count} options)",
  contentQuiz: "quiz “{question}” ({count} options)",
  pollNote:
    "📊 This poll goes to each recipient as a poll of their own, never anonymous: every answer is kept " +
    "with its voter, shown in the report and usable in segments as poll:<mailing id>=<option number>.",
  askAttribute:
    "📝 Also write each answer to an attribute of the voter (the chosen option's text)? Send the " +
    "attribute key (a-z, 0-9 and _, e.g. favourite_colour), or press ⏭ No attribute.",
  noAttribute: "⏭ No attribute",
  badAttribute: "“{value}” is no attribute key: use 1 to 64 of a-z, 0-9 and _.",
  attributeChosen: "📝 Answers go to the attribute {key}.",

  // --- a poll Telegram would refuse (the wizard's, a sequence step's or the API's)
  problem: {
    questionLength: "The question must have 1 to {max} characters",
    optionCount: "A poll has {min} to {max} options",
    optionLength: "Option {number} must have 1 to {max} characters",
    quizOptions: "A quiz names its right options by number, 1 to {max}",
    quizOneAnswer: "A quiz with one answer has one right option",
    explanationLength: "The explanation has at most {max} characters",
  },

  // --- results
  resultsTitle: "📊 {question}",
  resultsVoters: "🗳 Answered: {voters} of {sent} ({percent}%)",
  resultsRow: "{option}. {text} — {votes} · {percent}%{mark}",
  correctMark: " ✅",
  resultsAttribute: "📝 Written to the attribute {key}",
  resultsSegment: "Segment of an option's voters: poll:{id}=<option number>",
} as const;
