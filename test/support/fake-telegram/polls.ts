import type { Poll } from "grammy/types";
import { badRequest } from "./errors.js";
import { isRecord, optArray, optBool, optString } from "./params.js";
import type { Params } from "./types.js";

/** Numbers polls as Telegram does: every poll sent, copied or made by a user is a poll of its own with a fresh id. */
export class PollIds {
  private last = 0;

  next(): string {
    this.last += 1;
    return String(5_800_000_000_000_000 + this.last);
  }
}

function optionTexts(params: Params): string[] {
  const options = optArray(params, "options");
  if (options === undefined) throw badRequest("poll options must be non-empty");
  const texts = options.map((o) => (typeof o === "string" ? o : isRecord(o) ? o.text : undefined));
  if (!texts.every((t): t is string => typeof t === "string"))
    throw badRequest('can\'t parse InputPollOption: field "text" must be of type String');
  if (texts.length < 1) throw badRequest("poll must have at least 1 option");
  if (texts.length > 12) throw badRequest("poll can't have more than 12 options");
  if (texts.some((t) => t.trim() === "")) throw badRequest("poll options must be non-empty");
  if (texts.some((t) => t.length > 100)) throw badRequest("poll options length must not exceed 100");
  return texts;
}

function correctOptionIds(params: Params, optionCount: number): number[] {
  const ids = optArray(params, "correct_option_ids");
  if (ids === undefined || ids.length === 0) throw badRequest("quiz poll must have a correct option");
  if (!ids.every((id) => typeof id === "number" && Number.isInteger(id) && id >= 0 && id < optionCount))
    throw badRequest("wrong correct option ids specified");
  return ids as number[];
}

/** The poll sendPoll makes, checked as Telegram checks it (question, options, quiz answers). */
export function pollFromParams(params: Params, id: string): Poll {
  const question = optString(params, "question") ?? "";
  if (question.trim() === "") throw badRequest("poll question must be non-empty");
  if (question.length > 300) throw badRequest("poll question length must not exceed 300");
  const texts = optionTexts(params);
  const type = optString(params, "type") ?? "regular";
  if (type !== "regular" && type !== "quiz") throw badRequest("wrong poll type specified");
  const explanation = optString(params, "explanation");
  if (explanation !== undefined && explanation.length > 200)
    throw badRequest("poll explanation length must not exceed 200");
  const quiz = type === "quiz";
  const poll: Poll = {
    id,
    question,
    options: texts.map((text, i) => ({ text, voter_count: 0, persistent_id: String(i) })),
    total_voter_count: 0,
    is_closed: optBool(params, "is_closed") ?? false,
    is_anonymous: optBool(params, "is_anonymous") ?? true,
    type,
    allows_multiple_answers: optBool(params, "allows_multiple_answers") ?? false,
    allows_revoting: optBool(params, "allows_revoting") ?? !quiz,
    members_only: false,
  };
  if (quiz) {
    poll.correct_option_ids = correctOptionIds(params, texts.length);
    if (explanation !== undefined && explanation !== "") poll.explanation = explanation;
  }
  return poll;
}
