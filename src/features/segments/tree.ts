import type { UserStatus } from "../../db/schema/index.js";

/** How a value is compared; `:` on numbers and dates is read as `=`. */
export type Comparison = "=" | "!=" | "<" | "<=" | ">" | ">=";

export const comparisons: readonly Comparison[] = ["=", "!=", "<", "<=", ">", ">="];

/**
 * A moment or a day as written: a calendar day and a wall-clock time are read in the time zone the
 * segment is evaluated in, an instant carries its own offset, `ago` counts back from now.
 */
export type TimeValue =
  | { kind: "day"; date: string }
  | { kind: "local"; dateTime: string }
  | { kind: "instant"; iso: string }
  | { kind: "ago"; amount: number; unit: AgoUnit };

export type AgoUnit = "h" | "d" | "w";

/** A custom attribute's value in a condition: its type decides how stored values are compared. */
export type AttributeValue =
  | { type: "number"; number: number }
  | { type: "boolean"; boolean: boolean }
  | { type: "time"; time: TimeValue }
  | { type: "text"; text: string };

/** Only numbers and times have an order. */
export type OrderedComparison = "<" | "<=" | ">" | ">=";
export type OrderedValue = Extract<AttributeValue, { type: "number" | "time" }>;

/** Fields of the users table compared as numbers. */
export const numberFields = ["id", "messages", "sessions", "clicks", "referrals", "sentiment"] as const;
export type NumberField = (typeof numberFields)[number];

/** Fields of the users table compared as times. */
export const timeFields = ["joined", "seen"] as const;
export type TimeField = (typeof timeFields)[number];

/** Profile fields `has:` tests for a known value. */
export const profileFields = ["email", "phone", "username", "name"] as const;
export type ProfileField = (typeof profileFields)[number];

/** Fields written `field:value` only. */
export const keywordFields = [
  "tag",
  "has",
  "lang",
  "status",
  "dead",
  "premium",
  "ref",
  "parent",
  "poll",
  "topic",
] as const;
export type KeywordField = (typeof keywordFields)[number];

/** One test on a user. */
export type Condition =
  | { kind: "tag"; tag: string }
  | { kind: "has"; field: ProfileField }
  | { kind: "has_attribute"; key: string }
  | { kind: "language"; code: string }
  | { kind: "status"; status: UserStatus }
  | { kind: "dead"; dead: boolean }
  | { kind: "premium"; premium: boolean }
  /** `ref:r<code>`: invited by the user whose referral code this is. */
  | { kind: "referred_by"; code: string }
  /** `ref:a<code>`: came through the campaign with this code. */
  | { kind: "campaign"; code: string }
  | { kind: "parent"; id: number }
  /** `poll:<mailing id>` answered that poll mailing; `=<option>` chose that option (numbered from 1). */
  | { kind: "poll"; mailingId: number; option?: number }
  /** `topic:<name>`: subscribed to the topic with this name (stored lower-cased, as topics are found). */
  | { kind: "topic"; name: string }
  | { kind: "number"; field: NumberField; op: Comparison; value: number }
  | { kind: "time"; field: TimeField; op: Comparison; value: TimeValue }
  | { kind: "attribute"; key: string; op: "=" | "!="; value: AttributeValue }
  | { kind: "attribute"; key: string; op: OrderedComparison; value: OrderedValue };

/** A parsed segment: conditions combined with AND, OR and NOT; `everyone` is the empty segment. */
export type Segment =
  | { kind: "everyone" }
  | { kind: "and"; items: Segment[] }
  | { kind: "or"; items: Segment[] }
  | { kind: "not"; item: Segment }
  | Condition;

/** Custom attribute keys, as stored. */
export const attributeKeyPattern = /^[a-z0-9_]{1,64}$/;

/** Names that are fields; an attribute with such a key is written `attr.<key>`. */
export const fieldNames: ReadonlySet<string> = new Set<string>([
  ...keywordFields,
  ...numberFields,
  ...timeFields,
]);

/** Written before an attribute key that is also a field name (`attr.status=gold`). */
export const attributePrefix = "attr.";

/** A value in a condition may be at most this many UTF-8 bytes, like a stored attribute value. */
export const maxValueBytes = 1024;
/** Nesting of groups and negations, bounded so parsing never overflows the stack. */
export const maxDepth = 32;
/** Conditions in one segment, bounded so the SQL stays within SQLite's limits. */
export const maxConditions = 256;

/** What is wrong with a segment's text; `segmentErrorText` says it in words. */
export type SegmentProblem =
  | "unknown_field"
  | "bad_key"
  | "bad_operator"
  | "missing_value"
  | "value_too_long"
  | "unclosed_quote"
  | "text_after_quote"
  | "bad_tag"
  | "bad_language"
  | "bad_status"
  | "bad_yes_no"
  | "bad_ref"
  | "bad_id"
  | "bad_poll"
  | "bad_topic"
  | "unknown_topic"
  | "bad_number"
  | "bad_time"
  | "not_comparable"
  | "not_a_condition"
  | "misplaced_or"
  | "misplaced_and"
  | "misplaced_minus"
  | "unclosed_paren"
  | "unexpected_paren"
  | "empty_group"
  | "too_deep"
  | "too_many_conditions";

/** A segment that does not parse: the problem, the offending token and its 0-based offset in the text. */
export interface SegmentError {
  ok: false;
  problem: SegmentProblem;
  token: string;
  offset: number;
  /** The field (or attribute key) the token belongs to, when there is one. */
  field?: string;
}
