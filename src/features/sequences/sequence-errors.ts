import { UsherError } from "../../errors.js";

/** Why a sequence's or a step's input was refused. */
export const sequenceInputProblems = [
  "invalid_name",
  "invalid_text",
  "invalid_markup",
  "invalid_copy",
  "invalid_album",
  "invalid_poll",
  "invalid_buttons",
  "invalid_form_button",
  "unknown_form",
  "buttons_with_album",
  "invalid_delay",
  "invalid_window",
  "invalid_tags",
  "invalid_deeplink",
  "invalid_position",
  "invalid_segment",
  "unknown_campaign",
] as const;
export type SequenceInputProblem = (typeof sequenceInputProblems)[number];

/** A sequence (or a step of one) refused before anything was stored. */
export class SequenceInputError extends UsherError.input(sequenceInputProblems) {}

/** The sequence or step named is not there (deleted meanwhile, or never was). */
export class SequenceNotFoundError extends UsherError.of("not_found", ["not_found"]) {
  constructor(what: string) {
    super("not_found", `${what} was not found`);
  }
}
