import type { SegmentProblem } from "../../features/segments/tree.js";

/** What segment mistakes are called; {token}, {offset} (0-based), {field} and {usage} are filled in. */
export const texts = {
  problems: {
    unknown_field:
      "“{token}” at {offset} is no field. Fields: tag, has, lang, status, dead, premium, ref, parent, poll, topic, id, " +
      "joined, seen, messages, sessions, clicks, referrals, sentiment; attributes are written key=value.",
    bad_key: "“{token}” at {offset} is no attribute key: use 1–64 letters, digits or _.",
    bad_operator: "“{token}” at {offset} does not fit {field}: write {usage}.",
    missing_value: "“{token}” at {offset} has no value.",
    value_too_long: "The value at {offset} is longer than 1 KB.",
    unclosed_quote: "The quote at {offset} is never closed.",
    text_after_quote: "“{token}” at {offset} follows a closing quote: put a space before it.",
    bad_tag: "“{token}” at {offset} is no tag: tags have 1–32 letters, digits, _ or -.",
    bad_language: "“{token}” at {offset} is no language code such as en or pt-br.",
    bad_status: "“{token}” at {offset} is no status: use active, pending or banned.",
    bad_yes_no: "“{token}” at {offset}: {field} is yes or no.",
    bad_ref: "“{token}” at {offset}: write ref:r<referral code> or ref:a<campaign code>.",
    bad_id: "“{token}” at {offset} is no Telegram id (a whole number).",
    bad_poll:
      "“{token}” at {offset}: write poll:<mailing id> (answered) or poll:<mailing id>=<option number> (chose it, from 1).",
    bad_topic: "“{token}” at {offset} is no topic name: names have 1–32 letters, digits, _ or -.",
    unknown_topic: "“{token}” at {offset}: no topic has this name.",
    bad_number: "“{token}” at {offset} is no number such as 10 or -0.5.",
    bad_time:
      "“{token}” at {offset} is no date: write 2026-01-31, 2026-01-31T18:00, 2026-01-31T18:00:00Z " +
      "or -7d for 7 days ago (h, d, w).",
    not_comparable: "“{token}” at {offset}: only numbers and dates compare with < and >.",
    not_a_condition:
      "“{token}” at {offset} is no condition: write field:value (tag:vip) or key=value (country=Malaysia).",
    misplaced_or: "“{token}” at {offset} needs a condition on each side.",
    misplaced_and: "“{token}” at {offset} needs a condition on each side.",
    misplaced_minus: "“-” at {offset} must stand right before a condition or a group.",
    unclosed_paren: "The parenthesis at {offset} is never closed.",
    unexpected_paren: "The parenthesis at {offset} closes nothing.",
    empty_group: "The parentheses at {offset} hold nothing.",
    too_deep: "Groups and negations nest too deep at {offset}.",
    too_many_conditions: "Too many conditions: the one at {offset} is over the limit of {limit}.",
  } satisfies Record<SegmentProblem, string>,
  /** How each field is written, for "does not fit" messages; {field} is the name as written. */
  usage: {
    tag: "tag:vip",
    has: "has:email, has:phone, has:username, has:name or has:<attribute key>",
    lang: "lang:en",
    status: "status:active",
    dead: "dead:yes or dead:no",
    premium: "premium:yes or premium:no",
    ref: "ref:r<referral code> or ref:a<campaign code>",
    parent: "parent:<Telegram id>",
    poll: "poll:<mailing id> or poll:<mailing id>=<option number>",
    topic: "topic:<topic name>",
    number: "{field}>=10 (or <, <=, >, =, !=)",
    time: "{field}>2026-01-31 (or <, <=, >=, =, !=)",
    attribute: "{field}=value, {field}!=value, or {field}>value with a number or a date",
  },
  /** A token longer than this is cut short in messages. */
  tokenPreview: 40,
};
