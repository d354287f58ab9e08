import { UsherError } from "../../errors.js";

/** Why a form's or a question's input was refused. */
export const formInputProblems = [
  "invalid_name",
  "invalid_prompt",
  "invalid_target",
  "kind_target_mismatch",
  "invalid_choices",
  "invalid_reask",
  "invalid_text",
  "invalid_tags",
  "invalid_expiry",
  "invalid_order",
] as const;
export type FormInputProblem = (typeof formInputProblems)[number];

/** A form or question refused before anything was stored; `field` names the part at fault. */
export class FormInputError extends UsherError.input(formInputProblems) {}

/** No form (or question of it) with that id. */
export class FormNotFoundError extends UsherError.of("not_found", ["not_found"]) {
  constructor(what: string) {
    super("not_found", `${what} does not exist`);
  }
}

/** Why a form cannot do what was asked, as it stands. */
export const formStateProblems = ["built_in_form", "no_questions", "user_not_active", "admin_user"] as const;
export type FormStateProblem = (typeof formStateProblems)[number];

/** The form or the user is not in a state for this (the /profile form deleted, an empty form sent). */
export class FormStateError extends UsherError.of("cannot", formStateProblems) {}
