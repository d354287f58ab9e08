import type { AnswerProblem } from "../../features/forms/form-answers.js";

/** What a form says to the user answering it (a form's own intro, questions and done text come from the form). */
export const texts = {
  intro: "📝 {name}\nSend /cancel to stop; what you answered is kept.",
  current: "Now: {value}",
  optional: "(optional: /skip to leave it out)",
  sharePhoneButton: "📱 Share my phone number",
  done: "✅ Thank you! The form is done.",
  cancelled: "Cancelled. What you answered so far is kept.",
  problems: {
    not_text: "Please answer with text (or /cancel).",
    empty: "The answer is empty. Please send it again.",
    too_long: "That answer is too long. Please send a shorter one.",
    not_number: "Please send a number, like 42 or 3.5.",
    bad_email: "That does not look like an email address. Please check it.",
    use_button: "Please share your phone number with the button below.",
    someone_else: "That is someone else's contact. Please share your own with the button below.",
    bad_phone: "That phone number cannot be read. Please share your own with the button below.",
    bad_date: "Please send a date, like 2026-12-31 or 31.12.2026.",
    not_choice: "Please choose one of the buttons below.",
    not_photo: "Please send a photo.",
    required: "This question needs an answer.",
    invalid_value: "That answer cannot be stored (too long or not allowed here). Please send another.",
  } satisfies Record<AnswerProblem, string>,
  /** The /profile form as it is created on first use; the owner can edit it like any form. */
  profile: {
    name: "Profile",
    intro: "📝 Let's fill in your profile. Send /skip to keep an answer as it is, /cancel to stop.",
    done: "✅ Your profile is saved.",
    firstName: "What is your first name?",
    lastName: "And your last name?",
    email: "Your email address?",
    phone: "Your phone number? Tap the button below to share it.",
  },
} as const;
