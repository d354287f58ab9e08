/** The 📝 Forms pages of the admin menu. */
export const texts = {
  refusals: {
    invalid_prompt: "❌ The question is not valid: {reason}",
    invalid_target: "❌ That is not a place to store the answer: {reason}",
    kind_target_mismatch: "❌ That kind of question cannot fill that field: {reason}",
    invalid_choices: "❌ The choices are not valid: {reason}",
    invalid_reask: "❌ The re-ask text is not valid: {reason}",
    invalid_expiry: "❌ The expiry is not valid: {reason}",
    invalid_order: "❌ The order is not valid: {reason}",
    built_in_form: "🔒 The /profile form can be edited but not deleted.",
    no_questions: "❌ The form has no questions yet: add one first.",
    user_not_active: "❌ That user is not an active bot user, so the form cannot be sent.",
  },
} as const;
