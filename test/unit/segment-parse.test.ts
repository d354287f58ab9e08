import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Condition,
  conditionsOf,
  parseSegment,
  printSegment,
  type Segment,
  segmentErrorText,
} from "../../src/features/segments/segment.js";
import {
  type AttributeValue,
  comparisons,
  fieldNames,
  numberFields,
  profileFields,
  type TimeValue,
  timeFields,
} from "../../src/features/segments/tree.js";

function treeOf(text: string): Segment {
  const parsed = parseSegment(text);
  if (!parsed.ok) throw new Error(`${text} did not parse: ${segmentErrorText(parsed)}`);
  return parsed.tree;
}

function errorOf(text: string) {
  const parsed = parseSegment(text);
  if (parsed.ok) throw new Error(`${text} parsed to ${JSON.stringify(parsed.tree)}`);
  return { problem: parsed.problem, token: parsed.token, offset: parsed.offset };
}

const tag = (name: string): Condition => ({ kind: "tag", tag: name });

describe("segment parser", () => {
  it("when the issue's example is read, then every term becomes its condition, ANDed in order", () => {
    expect(
      treeOf(
        "tag:vip country=Malaysia has:email lang:en status:active dead:no ref:a_spring joined>2026-01-01 messages>=10 -tag:test",
      ),
    ).toEqual({
      kind: "and",
      items: [
        tag("vip"),
        { kind: "attribute", key: "country", op: "=", value: { type: "text", text: "Malaysia" } },
        { kind: "has", field: "email" },
        { kind: "language", code: "en" },
        { kind: "status", status: "active" },
        { kind: "dead", dead: false },
        { kind: "campaign", code: "_spring" },
        { kind: "time", field: "joined", op: ">", value: { kind: "day", date: "2026-01-01" } },
        { kind: "number", field: "messages", op: ">=", value: 10 },
        { kind: "not", item: tag("test") },
      ],
    });
  });

  it("when OR, | and AND mix with groups, then OR binds looser than AND and groups keep their shape", () => {
    expect(treeOf("tag:a tag:b OR tag:c")).toEqual({
      kind: "or",
      items: [{ kind: "and", items: [tag("a"), tag("b")] }, tag("c")],
    });
    expect(treeOf("tag:a AND (tag:b | tag:c)")).toEqual({
      kind: "and",
      items: [tag("a"), { kind: "or", items: [tag("b"), tag("c")] }],
    });
    expect(treeOf("-(tag:a or tag:b) --tag:c")).toEqual({
      kind: "and",
      items: [
        { kind: "not", item: { kind: "or", items: [tag("a"), tag("b")] } },
        { kind: "not", item: { kind: "not", item: tag("c") } },
      ],
    });
    expect(treeOf("((tag:a))")).toEqual(tag("a"));
  });

  it("when the text is empty or blank, then the segment is everyone", () => {
    expect(treeOf("")).toEqual({ kind: "everyone" });
    expect(treeOf("  \n\t ")).toEqual({ kind: "everyone" });
    expect(printSegment({ kind: "everyone" })).toBe("");
  });

  it("when each field is written, then it reads as its typed condition (names and keywords case-insensitive)", () => {
    const cases: Array<[string, Condition]> = [
      ["TAG:VIP", tag("vip")],
      ["tag: vip", tag("vip")],
      ["has:phone", { kind: "has", field: "phone" }],
      ["has:Username", { kind: "has", field: "username" }],
      ["has:name", { kind: "has", field: "name" }],
      ["has:country", { kind: "has_attribute", key: "country" }],
      ["has:attr.email", { kind: "has_attribute", key: "email" }],
      ["lang:pt-BR", { kind: "language", code: "pt-br" }],
      ["status:Banned", { kind: "status", status: "banned" }],
      ["dead:yes", { kind: "dead", dead: true }],
      ["premium:no", { kind: "premium", premium: false }],
      ["ref:rAbC123", { kind: "referred_by", code: "AbC123" }],
      ["ref:a_spring", { kind: "campaign", code: "_spring" }],
      ["parent:123456789", { kind: "parent", id: 123456789 }],
      ["poll:12", { kind: "poll", mailingId: 12 }],
      ["POLL:12=3", { kind: "poll", mailingId: 12, option: 3 }],
      ["id:42", { kind: "number", field: "id", op: "=", value: 42 }],
      ["id<0", { kind: "number", field: "id", op: "<", value: 0 }],
      ["sessions!=3", { kind: "number", field: "sessions", op: "!=", value: 3 }],
      ["clicks>0", { kind: "number", field: "clicks", op: ">", value: 0 }],
      ["referrals:>=5", { kind: "number", field: "referrals", op: ">=", value: 5 }],
      ["sentiment<-0.5", { kind: "number", field: "sentiment", op: "<", value: -0.5 }],
      ["seen>=-7d", { kind: "time", field: "seen", op: ">=", value: { kind: "ago", amount: 7, unit: "d" } }],
    ];
    for (const [text, condition] of cases) expect(treeOf(text), text).toEqual(condition);
  });

  it("when a time is written, then days stay days, wall-clock times are normalised and offsets become UTC", () => {
    const timeIn = (text: string): TimeValue => {
      const tree = treeOf(`joined>${text}`);
      if (tree.kind !== "time") throw new Error(text);
      return tree.value;
    };
    expect(timeIn("2024-02-29")).toEqual({ kind: "day", date: "2024-02-29" });
    expect(timeIn("2026-01-31T18:00")).toEqual({ kind: "local", dateTime: "2026-01-31T18:00" });
    expect(timeIn("2026-01-31T18:00:00")).toEqual({ kind: "local", dateTime: "2026-01-31T18:00" });
    expect(timeIn('"2026-01-31 18:00:05.5"')).toEqual({ kind: "local", dateTime: "2026-01-31T18:00:05.500" });
    expect(timeIn("2026-01-01T02:30+08:00")).toEqual({ kind: "instant", iso: "2025-12-31T18:30:00.000Z" });
    expect(timeIn("2026-01-31T18:00:00Z")).toEqual({ kind: "instant", iso: "2026-01-31T18:00:00.000Z" });
    expect(timeIn("-12h")).toEqual({ kind: "ago", amount: 12, unit: "h" });
    expect(timeIn("-2w")).toEqual({ kind: "ago", amount: 2, unit: "w" });
  });

  it("when an attribute is compared, then the value is typed as number, date, boolean or text, and quotes force text", () => {
    const attributeValueOf = (text: string): AttributeValue => {
      const tree = treeOf(text);
      if (tree.kind !== "attribute") throw new Error(text);
      return tree.value;
    };
    expect(attributeValueOf("age>30")).toEqual({ type: "number", number: 30 });
    expect(attributeValueOf("score=-1.25")).toEqual({ type: "number", number: -1.25 });
    expect(attributeValueOf("vip=true")).toEqual({ type: "boolean", boolean: true });
    expect(attributeValueOf("vip=No")).toEqual({ type: "boolean", boolean: false });
    expect(attributeValueOf("flag=1")).toEqual({ type: "number", number: 1 });
    expect(attributeValueOf("signup<2026-01-01")).toEqual({
      type: "time",
      time: { kind: "day", date: "2026-01-01" },
    });
    expect(attributeValueOf("renewal>-30d")).toEqual({
      type: "time",
      time: { kind: "ago", amount: 30, unit: "d" },
    });
    expect(attributeValueOf('city="Kuala Lumpur"')).toEqual({ type: "text", text: "Kuala Lumpur" });
    expect(attributeValueOf('code="30"')).toEqual({ type: "text", text: "30" });
    expect(attributeValueOf('quote="say \\"hi\\" \\\\ bye"')).toEqual({
      type: "text",
      text: 'say "hi" \\ bye',
    });
    expect(attributeValueOf("url=https://example.com/a?b=c")).toEqual({
      type: "text",
      text: "https://example.com/a?b=c",
    });
    expect(treeOf("Country!=Malaysia")).toEqual({
      kind: "attribute",
      key: "country",
      op: "!=",
      value: { type: "text", text: "Malaysia" },
    });
    expect(treeOf("attr.status=gold")).toMatchObject({ kind: "attribute", key: "status" });
  });

  it("when the text is wrong, then the error names the bad token and its 0-based offset", () => {
    const cases: Array<[string, string, string, number]> = [
      ["colour:blue", "unknown_field", "colour", 0],
      ["tag:vip co-untry=x", "bad_key", "co-untry", 8],
      [`${"k".repeat(65)}=1`, "bad_key", "k".repeat(65), 0],
      ["=x", "bad_key", "=x", 0],
      ["has:e-mail", "bad_key", "e-mail", 4],
      ["tag>vip", "bad_operator", ">", 3],
      ["messages=>10", "bad_operator", "=>", 8],
      ["age:30", "unknown_field", "age", 0],
      ["attr.age:30", "bad_operator", ":", 8],
      ["tag:vip lang:", "missing_value", "lang:", 8],
      ['city="Kuala Lumpur', "unclosed_quote", '"Kuala Lumpur', 5],
      ['city="Kuala"Lumpur', "text_after_quote", "Lumpur", 12],
      ["tag:v!p", "bad_tag", "v!p", 4],
      ['tag:"v i p"', "bad_tag", '"v i p"', 4],
      ["lang:english", "bad_language", "english", 5],
      ["status:gone", "bad_status", "gone", 7],
      ["dead:maybe", "bad_yes_no", "maybe", 5],
      ["ref:x123", "bad_ref", "x123", 4],
      ["parent:@bob", "bad_id", "@bob", 7],
      ["poll:x", "bad_poll", "x", 5],
      ["poll:12=0", "bad_poll", "12=0", 5],
      ["poll:0=1", "bad_poll", "0=1", 5],
      ["poll:12=red", "bad_poll", "12=red", 5],
      ["poll=12", "bad_operator", "=", 4],
      ["id:1.5", "bad_id", "1.5", 3],
      ["messages>=ten", "bad_number", "ten", 10],
      ["joined>2026-02-30", "bad_time", "2026-02-30", 7],
      ["joined>yesterday", "bad_time", "yesterday", 7],
      ["seen>2026-01-01T25:00", "bad_time", "2026-01-01T25:00", 5],
      ["signup=2026-13-01", "bad_time", "2026-13-01", 7],
      ["age>abc", "not_comparable", "abc", 4],
      ["vip<true", "not_comparable", "true", 4],
      ["tag:a vip", "not_a_condition", "vip", 6],
      ["OR tag:a", "misplaced_or", "OR", 0],
      ["tag:a |", "misplaced_or", "|", 6],
      ["(tag:a OR) tag:b", "misplaced_or", "OR", 7],
      ["tag:a AND AND tag:b", "misplaced_and", "AND", 6],
      ["tag:a - tag:b", "misplaced_minus", "-", 6],
      ["tag:a -", "misplaced_minus", "-", 6],
      ["tag:a (tag:b OR tag:c", "unclosed_paren", "(", 6],
      ["tag:a) tag:b", "unexpected_paren", ")", 5],
      ["tag:a ( ) tag:b", "empty_group", "(", 6],
    ];
    for (const [text, problem, token, offset] of cases)
      expect(errorOf(text), text).toEqual({ problem, token, offset });
  });

  it("when a value is over 1 KB (counted in UTF-8 bytes), then it is refused; at 1 KB it is fine", () => {
    expect(treeOf(`note=${"a".repeat(1024)}`)).toMatchObject({ kind: "attribute" });
    expect(errorOf(`tag:a note=${"é".repeat(513)}`)).toEqual({
      problem: "value_too_long",
      token: "é".repeat(513),
      offset: 11,
    });
  });

  it("when groups nest or conditions pile up past the limits, then the first token over them is named", () => {
    expect(treeOf(`${"(".repeat(32)}tag:a${")".repeat(32)}`)).toEqual(tag("a"));
    expect(errorOf(`${"(".repeat(33)}tag:a${")".repeat(33)}`)).toEqual({
      problem: "too_deep",
      token: "(",
      offset: 32,
    });
    expect(errorOf(`${"-".repeat(40)}tag:a`)).toEqual({ problem: "too_deep", token: "-", offset: 32 });
    const many = Array.from({ length: 257 }, (_, i) => `id:${i}`).join(" OR ");
    expect(errorOf(many)).toMatchObject({ problem: "too_many_conditions", token: "id:256" });
  });

  it("when an error is put in words, then the message quotes the token and its offset", () => {
    const parsed = parseSegment("tag:vip colour:blue");
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(segmentErrorText(parsed)).toMatch(/^“colour” at 8 is no field/);
    const operator = parseSegment("messages=>10");
    if (operator.ok) throw new Error("parsed");
    expect(segmentErrorText(operator)).toBe(
      "“=>” at 8 does not fit messages: write messages>=10 (or <, <=, >, =, !=).",
    );
    const long = parseSegment(`note="${"x".repeat(2000)}`);
    if (long.ok) throw new Error("parsed");
    expect(segmentErrorText(long)).toBe(`The quote at 5 is never closed.`);
  });

  it("when conditions are listed, then negated and grouped ones are found in reading order", () => {
    expect(conditionsOf(treeOf("tag:a (-dead:yes OR lang:en)"))).toEqual([
      tag("a"),
      { kind: "dead", dead: true },
      { kind: "language", code: "en" },
    ]);
  });
});

// --- properties

const decimal = fc
  .stringMatching(/^-?\d{1,15}(\.\d{1,6})?$/)
  .map(Number)
  .filter((n) => /^-?\d{1,15}(\.\d{1,6})?$/.test(String(n)))
  .map((n) => (n === 0 ? 0 : n));
const safeId = fc.maxSafeInteger().map((n) => (n === 0 ? 0 : n));
const moment = fc.date({
  min: new Date("1000-01-01T00:00:00.000Z"),
  max: new Date("9999-12-31T23:59:59.999Z"),
  noInvalidDate: true,
});

const timeValue: fc.Arbitrary<TimeValue> = fc.oneof(
  moment.map((d) => ({ kind: "day" as const, date: d.toISOString().slice(0, 10) })),
  moment.map((d) => {
    const iso = d.toISOString();
    const seconds = iso.slice(17, 19);
    const millis = iso.slice(20, 23);
    let dateTime = iso.slice(0, 16);
    if (seconds !== "00" || millis !== "000") dateTime += `:${seconds}`;
    if (millis !== "000") dateTime += `.${millis}`;
    return { kind: "local" as const, dateTime };
  }),
  moment.map((d) => ({ kind: "instant" as const, iso: d.toISOString() })),
  fc.record({
    kind: fc.constant("ago" as const),
    amount: fc.integer({ min: 0, max: 999_999 }),
    unit: fc.constantFrom("h" as const, "d" as const, "w" as const),
  }),
);

const attributeKey = fc.oneof(
  fc.stringMatching(/^[a-z0-9_]{1,64}$/),
  fc.constantFrom(...fieldNames, "email", "attr"),
);
const orderedValue = fc.oneof(
  decimal.map((number) => ({ type: "number" as const, number })),
  timeValue.map((time) => ({ type: "time" as const, time })),
);
const anyValue: fc.Arbitrary<AttributeValue> = fc.oneof(
  orderedValue,
  fc.boolean().map((boolean) => ({ type: "boolean" as const, boolean })),
  fc.string({ unit: "binary", maxLength: 40 }).map((text) => ({ type: "text" as const, text })),
  fc
    .string({
      unit: fc.constantFrom(" ", '"', "\\", "(", ")", "|", "=", "<", "!", ":", "-", "a", "1", "\n", "é"),
      maxLength: 12,
    })
    .map((text) => ({ type: "text" as const, text })),
  fc
    .constantFrom("true", "42", "2026-01-01", "-7d", "OR", "", "a b", "-x", "=x")
    .map((text) => ({ type: "text" as const, text })),
);

const condition: fc.Arbitrary<Condition> = fc.oneof(
  fc.stringMatching(/^[a-z0-9_-]{1,32}$/).map((t) => ({ kind: "tag" as const, tag: t })),
  fc.constantFrom(...profileFields).map((field) => ({ kind: "has" as const, field })),
  attributeKey.map((key) => ({ kind: "has_attribute" as const, key })),
  fc.stringMatching(/^[a-z]{2,3}(-[a-z0-9]{1,8}){0,2}$/).map((code) => ({ kind: "language" as const, code })),
  fc
    .constantFrom("active" as const, "pending" as const, "banned" as const)
    .map((status) => ({ kind: "status" as const, status })),
  fc.boolean().map((dead) => ({ kind: "dead" as const, dead })),
  fc.boolean().map((premium) => ({ kind: "premium" as const, premium })),
  fc.stringMatching(/^[A-Za-z0-9_-]{1,63}$/).map((code) => ({ kind: "referred_by" as const, code })),
  fc.stringMatching(/^[A-Za-z0-9_-]{1,63}$/).map((code) => ({ kind: "campaign" as const, code })),
  safeId.map((id) => ({ kind: "parent" as const, id })),
  fc
    .record({
      mailingId: fc.integer({ min: 1, max: 999_999_999_999 }),
      option: fc.option(fc.integer({ min: 1, max: 999 }), { nil: undefined }),
    })
    .map(({ mailingId, option }) =>
      option === undefined
        ? { kind: "poll" as const, mailingId }
        : { kind: "poll" as const, mailingId, option },
    ),
  fc
    .record({ field: fc.constantFrom(...numberFields), op: fc.constantFrom(...comparisons), value: decimal })
    .map((c) => ({
      kind: "number" as const,
      ...c,
      value: c.field === "id" ? Math.trunc(c.value) || 0 : c.value,
    })),
  fc
    .record({ field: fc.constantFrom(...timeFields), op: fc.constantFrom(...comparisons), value: timeValue })
    .map((c) => ({ kind: "time" as const, ...c })),
  fc
    .record({ key: attributeKey, op: fc.constantFrom("=" as const, "!=" as const), value: anyValue })
    .map((c) => ({ kind: "attribute" as const, ...c })),
  fc
    .record({
      key: attributeKey,
      op: fc.constantFrom("<" as const, "<=" as const, ">" as const, ">=" as const),
      value: orderedValue,
    })
    .map((c) => ({ kind: "attribute" as const, ...c })),
);

const { segment } = fc.letrec<{ segment: Segment; and: Segment; or: Segment; not: Segment }>((tie) => ({
  segment: fc.oneof(
    { maxDepth: 4, depthIdentifier: "segment" },
    condition,
    tie("and"),
    tie("or"),
    tie("not"),
  ),
  and: fc
    .array(tie("segment"), { minLength: 2, maxLength: 3 })
    .map((items) => ({ kind: "and" as const, items })),
  or: fc
    .array(tie("segment"), { minLength: 2, maxLength: 3 })
    .map((items) => ({ kind: "or" as const, items })),
  not: tie("segment").map((item) => ({ kind: "not" as const, item })),
}));

const piece = fc.constantFrom(
  "tag:",
  "vip",
  " ",
  "(",
  ")",
  "-",
  "OR",
  "or",
  "|",
  "AND",
  '"',
  "\\",
  "=",
  "!=",
  ">",
  ">=",
  "<",
  ":",
  ":>",
  "x",
  "1",
  "0.5",
  "2026-01-31",
  "T10:00",
  "Z",
  "-7d",
  "attr.",
  "poll:",
  "has:",
  "lang:en",
  "age",
  "joined",
  "é",
  "\n",
  "💥",
);
const soup = fc.array(piece, { maxLength: 30 }).map((pieces) => pieces.join(""));
const term = fc.constantFrom(
  "tag:vip",
  "-tag:x",
  "(",
  ")",
  "-(",
  "OR",
  "|",
  "AND",
  "x=1",
  'city="a b"',
  "joined>2026-01-01",
  "age>30",
  "lang:en",
  "has:email",
  "--dead:no",
  "vip=yes",
  "seen>-7d",
  "poll:3=2",
  "-poll:3",
  'q="\\""',
  "bad",
);
const sentence = fc.array(term, { maxLength: 20 }).map((terms) => terms.join(" "));

describe("segment parser properties", () => {
  it("when any tree is printed, then parsing the text gives the same tree back", () => {
    fc.assert(
      fc.property(segment, (tree) => {
        expect(parseSegment(printSegment(tree))).toEqual({ ok: true, tree });
      }),
      { numRuns: 2000 },
    );
  });

  it("when any text is parsed, then it never throws: a tree that prints back to itself, or an error pointing inside the text", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary", maxLength: 80 }), soup, sentence), (text) => {
        const parsed = parseSegment(text);
        if (parsed.ok) {
          expect(parseSegment(printSegment(parsed.tree))).toEqual(parsed);
          return;
        }
        expect(parsed.offset).toBeGreaterThanOrEqual(0);
        expect(parsed.offset).toBeLessThan(text.length);
        expect(text.startsWith(parsed.token, parsed.offset)).toBe(true);
        expect(segmentErrorText(parsed)).toContain(String(parsed.offset));
      }),
      { numRuns: 5000 },
    );
  });
});
