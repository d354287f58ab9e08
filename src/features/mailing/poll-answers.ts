import type { Db } from "../../db/client.js";
import type { UserRepository } from "../users/user-repository.js";
import type { MailingRepository } from "./mailing-repository.js";
import { answerAttributeValue, optionNumbers, type PollContent } from "./poll.js";
import type { PollRepository } from "./poll-repository.js";

/** What recording an answer needs. */
export interface PollAnswerDeps {
  db: Db;
  mailings: MailingRepository;
  polls: PollRepository;
  users: UserRepository;
  now: () => Date;
}

/** A `poll_answer` update as the verb reads it: Telegram's 0-based option ids, empty when retracted. */
export interface PollAnswerInput {
  pollId: string;
  userId: number;
  optionIds: readonly number[];
}

/**
 * What became of an answer: stored (or removed, when the vote was retracted), or ignored because
 * the poll is none of Usher's (an admin's preview, a delivery caught by a restart), the voter is
 * not its recipient, or an option is not the poll's.
 */
export type PollAnswerOutcome =
  | { kind: "recorded"; mailingId: number; options: number[] }
  | { kind: "retracted"; mailingId: number }
  | { kind: "ignored"; reason: "unknown_poll" | "not_recipient" | "bad_option" };

function pollOf(deps: PollAnswerDeps, mailingId: number): PollContent | undefined {
  const payload = deps.mailings.find(mailingId)?.payload;
  return payload?.kind === "message" && payload.content.type === "poll" ? payload.content : undefined;
}

/**
 * Stores a recipient's answer to a poll mailing in place of the one before, in one transaction,
 * and, when the poll names an attribute, writes the chosen options' texts there. A retracted vote
 * removes the answer, and the attribute while it still holds what the poll wrote.
 */
export function recordPollAnswer(deps: PollAnswerDeps, input: PollAnswerInput): PollAnswerOutcome {
  return deps.db.transaction(() => {
    const voter = deps.polls.voterOf(input.pollId);
    const poll = voter && pollOf(deps, voter.mailingId);
    if (!voter || !poll) return { kind: "ignored", reason: "unknown_poll" };
    if (voter.userId !== input.userId) return { kind: "ignored", reason: "not_recipient" };
    const options = optionNumbers(poll, input.optionIds);
    if (options === null) return { kind: "ignored", reason: "bad_option" };
    const { mailingId, userId } = voter;
    const before = deps.polls.answerOf(mailingId, userId);
    deps.polls.replaceAnswer(mailingId, userId, options, deps.now());
    if (poll.attribute !== undefined) writeAttribute(deps, poll, poll.attribute, userId, before, options);
    return options.length === 0 ? { kind: "retracted", mailingId } : { kind: "recorded", mailingId, options };
  });
}

/**
 * Writes an answer's options to the poll's attribute of the voter; a retracted answer removes the
 * attribute only while it still holds what the poll wrote. Shared with sequences' poll steps.
 */
export function writeAttribute(
  deps: Pick<PollAnswerDeps, "users" | "now">,
  poll: PollContent,
  key: string,
  userId: number,
  before: readonly number[],
  options: readonly number[],
): void {
  if (options.length > 0) {
    deps.users.setAttribute(userId, key, answerAttributeValue(poll, options), deps.now());
    return;
  }
  // Someone else (an admin, an import) may have set it since: only the poll's own value goes.
  const stored = deps.users.attributesOf(userId).find((a) => a.key === key)?.value;
  if (before.length > 0 && stored === answerAttributeValue(poll, before))
    deps.users.unsetAttribute(userId, key);
}
