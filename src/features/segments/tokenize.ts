import type { Comparison, SegmentError } from "./tree.js";

/** `key op value` as typed, with where each part starts. */
export interface TermToken {
  kind: "term";
  offset: number;
  text: string;
  key: string;
  /** `:` (a field's value) or a comparison; `:>` and the like are read as `>`. */
  op: ":" | Comparison;
  opText: string;
  opOffset: number;
  /** The value with quotes and escapes removed. */
  value: string;
  /** The value as typed, quotes included: what error messages point at. */
  valueText: string;
  valueOffset: number;
  /** Quoted values are always text: `age="30"` compares the letters, not the number. */
  quoted: boolean;
}

export type Token =
  | { kind: "open" | "close" | "or" | "and" | "minus" | "word"; offset: number; text: string }
  | TermToken;

const operators: Record<string, ":" | Comparison> = {
  ":": ":",
  "=": "=",
  "!=": "!=",
  "<": "<",
  "<=": "<=",
  ">": ">",
  ">=": ">=",
  ":<": "<",
  ":<=": "<=",
  ":>": ">",
  ":>=": ">=",
};

const isSpace = (char: string) => /\s/.test(char);
const isOperatorChar = (char: string) => ":=!<>".includes(char);
/** Ends an unquoted value or a bare word. */
const isBoundary = (char: string) => isSpace(char) || char === "(" || char === ")" || char === "|";

function failure(problem: SegmentError["problem"], token: string, offset: number): SegmentError {
  return { ok: false, problem, token, offset };
}

/** Reads a double-quoted string starting at `start` (the quote); `\` escapes the next character. */
function readQuoted(input: string, start: number): { value: string; end: number } | SegmentError {
  let value = "";
  for (let i = start + 1; i < input.length; i++) {
    const char = input[i] as string;
    if (char === '"') return { value, end: i + 1 };
    if (char === "\\" && i + 1 < input.length) {
      i++;
      value += input[i];
    } else {
      value += char;
    }
  }
  return failure("unclosed_quote", input.slice(start), start);
}

/** The end of the run of characters from `start` up to the next boundary. */
function runEnd(input: string, start: number): number {
  let end = start;
  while (end < input.length && !isBoundary(input[end] as string)) end++;
  return end;
}

/** Splits segment text into tokens; quoting, operator and missing-value mistakes are reported here. */
export function tokenize(input: string): Token[] | SegmentError {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const char = input[i] as string;
    if (isSpace(char)) {
      i++;
      continue;
    }
    if (char === "(" || char === ")" || char === "|" || char === "-") {
      const kind = char === "(" ? "open" : char === ")" ? "close" : char === "|" ? "or" : "minus";
      tokens.push({ kind, offset: i, text: char });
      i++;
      continue;
    }
    const start = i;
    if (char === '"') {
      const quoted = readQuoted(input, start);
      if ("ok" in quoted) return quoted;
      const end = runEnd(input, quoted.end);
      if (end > quoted.end) return failure("text_after_quote", input.slice(quoted.end, end), quoted.end);
      tokens.push({ kind: "word", offset: start, text: input.slice(start, end) });
      i = end;
      continue;
    }

    let keyEnd = start;
    while (
      keyEnd < input.length &&
      !isBoundary(input[keyEnd] as string) &&
      !isOperatorChar(input[keyEnd] as string)
    )
      keyEnd++;
    if (keyEnd === input.length || !isOperatorChar(input[keyEnd] as string)) {
      const text = input.slice(start, keyEnd);
      const lower = text.toLowerCase();
      tokens.push({ kind: lower === "or" ? "or" : lower === "and" ? "and" : "word", offset: start, text });
      i = keyEnd;
      continue;
    }

    let opEnd = keyEnd;
    while (opEnd < input.length && isOperatorChar(input[opEnd] as string)) opEnd++;
    const opText = input.slice(keyEnd, opEnd);
    const op = operators[opText];
    if (op === undefined)
      return { ...failure("bad_operator", opText, keyEnd), field: input.slice(start, keyEnd) };

    // A space after the operator is forgiven: `tag: vip` reads as `tag:vip`.
    let valueStart = opEnd;
    while (valueStart < input.length && isSpace(input[valueStart] as string)) valueStart++;
    if (valueStart === input.length || isBoundary(input[valueStart] as string))
      return failure("missing_value", input.slice(start, opEnd), start);

    let value: string;
    let end: number;
    const quoted = input[valueStart] === '"';
    if (quoted) {
      const read = readQuoted(input, valueStart);
      if ("ok" in read) return read;
      end = runEnd(input, read.end);
      if (end > read.end) return failure("text_after_quote", input.slice(read.end, end), read.end);
      value = read.value;
    } else {
      end = runEnd(input, valueStart);
      value = input.slice(valueStart, end);
    }
    tokens.push({
      kind: "term",
      offset: start,
      text: input.slice(start, end),
      key: input.slice(start, keyEnd),
      op,
      opText,
      opOffset: keyEnd,
      value,
      valueText: input.slice(valueStart, end),
      valueOffset: valueStart,
      quoted,
    });
    i = end;
  }
  return tokens;
}
