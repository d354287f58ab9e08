/*
 * The segment language: one filter for the users list, mailing audiences, export and the HTTP API.
 *
 *   segment   := ε | or                                   empty text: every user
 *   or        := and { ("OR" | "|") and }                  OR binds looser than AND
 *   and       := unary { ["AND"] unary }                   terms side by side must all hold
 *   unary     := "-" unary | "(" or ")" | condition        "-" right before a term negates it
 *   condition := field ":" value                           tag:vip  has:email  lang:en  status:active
 *              | field compare value                       joined>2026-01-01  messages>=10  id:42
 *              | key compare value                         country=Malaysia  age>30  city="Kuala Lumpur"
 *   compare   := "=" | "!=" | "<" | "<=" | ">" | ">="       (":" for "=", and ":>" for ">" and so on)
 *
 * Fields with ":" only: tag:<tag>, has:email|phone|username|name|<attribute key>, lang:<code> (en also
 * matches en-gb), status:active|pending|banned, dead:yes|no, premium:yes|no, ref:r<referral code>,
 * ref:a<campaign code>, parent:<Telegram id>, poll:<mailing id> (answered that poll mailing) or
 * poll:<mailing id>=<option> (chose that option, numbered from 1 as in the results), topic:<name> (subscribed to that topic,
 * case aside; unknown names are refused when the caller says which topics exist). Numbers: id, messages, sessions, clicks, referrals,
 * sentiment (the average). Times: joined (registered), seen (last seen), written 2026-01-31 (a whole
 * day in the segment's time zone), 2026-01-31T18:00 (that zone), 2026-01-31T18:00:00Z (an instant) or
 * -7d (7 days ago; h, d, w). Any other name is a custom attribute key ([a-z0-9_]{1,64}, `attr.<key>`
 * when it is also a field name), compared as a number, a date or a boolean (true/false/yes/no) when
 * the value reads as one, else as text (case aside); a quoted value is always text. `key!=value`
 * means the attribute is set to something else; `-key=value` also takes users without it.
 * Names and keywords are case-insensitive; a space may follow an operator; values with spaces, ( ) |
 * or quotes are quoted ("say \"hi\""); values are at most 1 KB; groups and negations nest at most
 * 32 deep; a segment has at most 256 conditions. Days compared with attribute values use the value's
 * own date part (2026-01-31T23:00:00Z is on the 31st), with no time zone.
 */
import { userStatuses } from "../../db/schema/index.js";
import { tagPattern } from "../gate/deeplinks/deeplink-tags.js";
import { topicNamePattern } from "../topics/topic-rules.js";
import { type TermToken, type Token, tokenize } from "./tokenize.js";
import {
  attributeKeyPattern,
  attributePrefix,
  type Condition,
  keywordFields,
  maxConditions,
  maxDepth,
  maxValueBytes,
  type NumberField,
  numberFields,
  type ProfileField,
  profileFields,
  type Segment,
  type SegmentError,
  type SegmentProblem,
  type TimeField,
  timeFields,
} from "./tree.js";
import { readAttributeValue, readBoolean, readNumber, readTime } from "./values.js";

/** A segment that parsed. */
export interface ParsedSegment {
  ok: true;
  tree: Segment;
}

/** What a parse may check beyond the text itself. */
export interface SegmentParseOptions {
  /** Whether a topic with this lower-cased name exists; without it, any well-formed name is taken. */
  topicExists?: (nameKey: string) => boolean;
}

class Failure {
  constructor(readonly error: SegmentError) {}
}

function fail(problem: SegmentProblem, token: string, offset: number, field?: string): never {
  throw new Failure(
    field === undefined
      ? { ok: false, problem, token, offset }
      : { ok: false, problem, token, offset, field },
  );
}

const languagePattern = /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/;
const refPattern = /^([ra])([A-Za-z0-9_-]{1,63})$/;
const idPattern = /^-?\d{1,16}$/;
const pollPattern = /^([1-9]\d{0,11})(?:=([1-9]\d{0,2}))?$/;
const utf8 = new TextEncoder();

function isKeyword(name: string): name is (typeof keywordFields)[number] {
  return (keywordFields as readonly string[]).includes(name);
}

function readId(term: TermToken, field: string): number {
  const id = Number(term.value);
  if (!idPattern.test(term.value) || !Number.isSafeInteger(id))
    fail("bad_id", term.valueText, term.valueOffset, field);
  return id === 0 ? 0 : id;
}

function readYesNo(term: TermToken, field: string): boolean {
  const value = readBoolean(term.value);
  if (value === null) fail("bad_yes_no", term.valueText, term.valueOffset, field);
  return value;
}

/** `field:value` for the fields that take only `:`. */
function keywordCondition(
  field: (typeof keywordFields)[number],
  term: TermToken,
  options: SegmentParseOptions,
): Condition {
  const { value, valueText, valueOffset } = term;
  const lower = value.toLowerCase();
  switch (field) {
    case "tag":
      if (!tagPattern.test(lower)) fail("bad_tag", valueText, valueOffset, field);
      return { kind: "tag", tag: lower };
    case "topic":
      if (!topicNamePattern.test(value)) fail("bad_topic", valueText, valueOffset, field);
      if (options.topicExists && !options.topicExists(lower))
        fail("unknown_topic", valueText, valueOffset, field);
      return { kind: "topic", name: lower };
    case "has":
      if ((profileFields as readonly string[]).includes(lower))
        return { kind: "has", field: lower as ProfileField };
      return { kind: "has_attribute", key: attributeKey(value, valueText, valueOffset) };
    case "lang":
      if (!languagePattern.test(lower)) fail("bad_language", valueText, valueOffset, field);
      return { kind: "language", code: lower };
    case "status": {
      const status = userStatuses.find((s) => s === lower);
      if (status === undefined) fail("bad_status", valueText, valueOffset, field);
      return { kind: "status", status };
    }
    case "dead":
      return { kind: "dead", dead: readYesNo(term, field) };
    case "premium":
      return { kind: "premium", premium: readYesNo(term, field) };
    case "ref": {
      const match = refPattern.exec(value);
      if (!match) fail("bad_ref", valueText, valueOffset, field);
      const code = match[2] as string;
      return match[1] === "r" ? { kind: "referred_by", code } : { kind: "campaign", code };
    }
    case "parent":
      return { kind: "parent", id: readId(term, field) };
    case "poll": {
      const match = pollPattern.exec(value);
      if (!match) fail("bad_poll", valueText, valueOffset, field);
      const mailingId = Number(match[1]);
      return match[2] === undefined
        ? { kind: "poll", mailingId }
        : { kind: "poll", mailingId, option: Number(match[2]) };
    }
  }
}

/** An attribute key as written (`attr.` allowed before it), folded to lower case and checked. */
function attributeKey(written: string, token: string, offset: number): string {
  const lower = written.toLowerCase();
  const key = lower.startsWith(attributePrefix) ? lower.slice(attributePrefix.length) : lower;
  if (!attributeKeyPattern.test(key)) fail("bad_key", token, offset);
  return key;
}

function termCondition(term: TermToken, options: SegmentParseOptions): Condition {
  if (utf8.encode(term.value).length > maxValueBytes)
    fail("value_too_long", term.valueText, term.valueOffset, term.key.toLowerCase());
  const name = term.key.toLowerCase();
  const { op, value, valueText, valueOffset } = term;

  if (isKeyword(name)) {
    if (op !== ":") fail("bad_operator", term.opText, term.opOffset, name);
    return keywordCondition(name, term, options);
  }
  const comparison = op === ":" ? "=" : op;
  if ((numberFields as readonly string[]).includes(name)) {
    const field = name as NumberField;
    const number = field === "id" ? readId(term, field) : readNumber(value);
    if (number === null) fail("bad_number", valueText, valueOffset, field);
    return { kind: "number", field, op: comparison, value: number };
  }
  if ((timeFields as readonly string[]).includes(name)) {
    const time = readTime(value);
    if (time === null) fail("bad_time", valueText, valueOffset, name);
    return { kind: "time", field: name as TimeField, op: comparison, value: time };
  }

  if (term.key === "") fail("bad_key", term.text, term.offset);
  if (op === ":" && !name.startsWith(attributePrefix)) fail("unknown_field", term.key, term.offset);
  const key = attributeKey(term.key, term.key, term.offset);
  if (op === ":") fail("bad_operator", term.opText, term.opOffset, key);
  const attributeValue = readAttributeValue(value, term.quoted);
  if (attributeValue === null) fail("bad_time", valueText, valueOffset, key);
  if (op === "=" || op === "!=") return { kind: "attribute", key, op, value: attributeValue };
  if (attributeValue.type === "text" || attributeValue.type === "boolean")
    fail("not_comparable", valueText, valueOffset, key);
  return { kind: "attribute", key, op, value: attributeValue };
}

/** Recursive descent over the tokens; every mistake is thrown as a Failure naming its token. */
class Parser {
  private position = 0;
  private conditions = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly options: SegmentParseOptions,
  ) {}

  parse(): Segment {
    if (this.tokens.length === 0) return { kind: "everyone" };
    const tree = this.or(0);
    const rest = this.peek();
    if (rest) this.misplaced(rest);
    return tree;
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private next(): Token {
    const token = this.tokens[this.position++];
    if (!token) throw new Error("read past the last token");
    return token;
  }

  private startsUnary(token: Token | undefined): boolean {
    return token !== undefined && ["minus", "open", "term", "word"].includes(token.kind);
  }

  /** A token found where a condition should start. */
  private misplaced(token: Token): never {
    switch (token.kind) {
      case "close":
        return fail("unexpected_paren", token.text, token.offset);
      case "or":
        return fail("misplaced_or", token.text, token.offset);
      case "and":
        return fail("misplaced_and", token.text, token.offset);
      case "minus":
        return fail("misplaced_minus", token.text, token.offset);
      default:
        return fail("not_a_condition", token.text, token.offset);
    }
  }

  private or(depth: number): Segment {
    const items = [this.and(depth)];
    for (let token = this.peek(); token?.kind === "or"; token = this.peek()) {
      this.next();
      if (!this.startsUnary(this.peek())) fail("misplaced_or", token.text, token.offset);
      items.push(this.and(depth));
    }
    return items.length === 1 ? (items[0] as Segment) : { kind: "or", items };
  }

  private and(depth: number): Segment {
    const items = [this.unary(depth)];
    for (;;) {
      const token = this.peek();
      if (token?.kind === "and") {
        this.next();
        if (!this.startsUnary(this.peek())) fail("misplaced_and", token.text, token.offset);
      } else if (!this.startsUnary(token)) {
        break;
      }
      items.push(this.unary(depth));
    }
    return items.length === 1 ? (items[0] as Segment) : { kind: "and", items };
  }

  private unary(depth: number): Segment {
    const token = this.next();
    if (token.kind === "minus") {
      const following = this.peek();
      if (!this.startsUnary(following) || following?.offset !== token.offset + 1)
        fail("misplaced_minus", token.text, token.offset);
      if (depth >= maxDepth) fail("too_deep", token.text, token.offset);
      return { kind: "not", item: this.unary(depth + 1) };
    }
    if (token.kind === "open") {
      if (depth >= maxDepth) fail("too_deep", token.text, token.offset);
      const following = this.peek();
      if (following?.kind === "close") fail("empty_group", token.text, token.offset);
      if (following === undefined) fail("unclosed_paren", token.text, token.offset);
      const inner = this.or(depth + 1);
      // `or` stops only at a ")" or at the end.
      if (this.peek()?.kind !== "close") fail("unclosed_paren", token.text, token.offset);
      this.next();
      return inner;
    }
    if (token.kind === "term") {
      this.conditions++;
      if (this.conditions > maxConditions) fail("too_many_conditions", token.text, token.offset);
      return termCondition(token, this.options);
    }
    return this.misplaced(token);
  }
}

/** Reads segment text into its tree, or says which token is wrong and where; never throws. */
export function parseSegment(text: string, options: SegmentParseOptions = {}): ParsedSegment | SegmentError {
  const tokens = tokenize(text);
  if (!Array.isArray(tokens)) return tokens;
  try {
    return { ok: true, tree: new Parser(tokens, options).parse() };
  } catch (error) {
    if (error instanceof Failure) return error.error;
    throw error;
  }
}
