import { englishOf, type RefusalWords, UsherError } from "../../errors.js";
import { type SegmentError, segmentReason } from "../segments/segment.js";

const mailingInputProblems = [
  "invalid_payload",
  "invalid_text",
  "invalid_markup",
  "invalid_copy",
  "invalid_album",
  "invalid_poll",
  "invalid_buttons",
  "buttons_with_album",
  "invalid_segment",
  "invalid_variants",
  "invalid_dead_after",
  "invalid_rate",
  "paid_broadcast_off",
  "invalid_schedule",
  "schedule_in_past",
] as const;
export type MailingInputProblem = (typeof mailingInputProblems)[number];

/** Which part of the input a problem is about, named as in `CreateMailingInput`. */
export type MailingInputField =
  | "payload"
  | "text"
  | "copy"
  | "album"
  | "poll"
  | "buttons"
  | "audience.segment"
  | "variants"
  | `variants.${number}.${"segment" | "text" | "copy"}`
  | "deadAfter"
  | "ratePerSecond"
  | "paidBroadcast"
  | "scheduledAt";

/** A mailing refused before anything was stored; `segment` tells where a segment went wrong. */
export class MailingInputError extends UsherError {
  static readonly codes = mailingInputProblems;

  constructor(
    code: MailingInputProblem,
    field: MailingInputField,
    words: RefusalWords,
    readonly segment?: SegmentError,
  ) {
    const said = segment ? segmentReason(segment) : words;
    // Paid broadcasts switched off is no bad value: the request is fine, the bot's settings say no.
    // The payload is the whole input: its field has no name.
    const at = field === "payload" ? "" : field;
    super(code === "paid_broadcast_off" ? "cannot" : "invalid", code, said, [
      { field: at, message: englishOf(said) },
    ]);
  }
}
