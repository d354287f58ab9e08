/**
 * Rewrites the SQL Usher's repositories write for SQLite (drizzle's sqlite-core output and the
 * hand-written statements) into PostgreSQL's: `?` placeholders numbered, `INSERT OR IGNORE` as
 * `ON CONFLICT DO NOTHING`, SQLite's NULL-means-next-id in an insert as DEFAULT, and the functions
 * whose names differ. What has no faithful rewrite (GLOB, julianday) is written per dialect at its source.
 */

type TokenKind = "space" | "string" | "identifier" | "placeholder" | "word" | "symbol";

interface Token {
  kind: TokenKind;
  text: string;
}

const wordStart = /[A-Za-z_]/;
const wordPart = /[A-Za-z0-9_$]/;

/** Splits SQL into tokens, keeping strings, quoted identifiers and comments whole. */
function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i] as string;
    const start = i;
    if (c === "'" || c === '"' || c === "`") {
      i += 1;
      while (i < sql.length) {
        if (sql[i] === c) {
          if (sql[i + 1] === c) i += 2;
          else break;
        } else i += 1;
      }
      i += 1;
      const text = sql.slice(start, i);
      tokens.push({
        kind: c === "'" ? "string" : "identifier",
        text: c === "`" ? `"${text.slice(1, -1)}"` : text,
      });
    } else if (c === "-" && sql[i + 1] === "-") {
      while (i < sql.length && sql[i] !== "\n") i += 1;
      tokens.push({ kind: "space", text: sql.slice(start, i) });
    } else if (c === "/" && sql[i + 1] === "*") {
      const end = sql.indexOf("*/", i + 2);
      i = end === -1 ? sql.length : end + 2;
      tokens.push({ kind: "space", text: sql.slice(start, i) });
    } else if (/\s/.test(c)) {
      while (i < sql.length && /\s/.test(sql[i] as string)) i += 1;
      tokens.push({ kind: "space", text: sql.slice(start, i) });
    } else if (c === "?") {
      i += 1;
      while (i < sql.length && /[0-9]/.test(sql[i] as string)) i += 1;
      tokens.push({ kind: "placeholder", text: sql.slice(start, i) });
    } else if ((c === "@" || c === ":" || c === "$") && wordStart.test(sql[i + 1] ?? "")) {
      i += 1;
      while (i < sql.length && wordPart.test(sql[i] as string)) i += 1;
      tokens.push({ kind: "placeholder", text: sql.slice(start, i) });
    } else if (wordStart.test(c) || /[0-9]/.test(c)) {
      while (i < sql.length && wordPart.test(sql[i] as string)) i += 1;
      tokens.push({ kind: "word", text: sql.slice(start, i) });
    } else {
      i += 1;
      tokens.push({ kind: "symbol", text: c });
    }
  }
  return tokens;
}

const is = (token: Token | undefined, word: string) =>
  token?.kind === "word" && token.text.toLowerCase() === word;

/** Functions that are only renamed. */
const renamed: Record<string, string> = { ifnull: "coalesce", json_each: "json_array_elements_text" };
/** SQLite's scalar max/min of several values are PostgreSQL's greatest/least. */
const scalarForms: Record<string, string> = { max: "greatest", min: "least" };
/** Type names in CAST whose PostgreSQL meaning differs (SQLite integers are 64-bit). */
const castTypes: Record<string, string> = { integer: "bigint", int: "bigint", real: "double precision" };

/** The index of the token closing the parenthesis opened at `open`, and its top-level comma count. */
function closing(tokens: Token[], open: number): { close: number; commas: number } {
  let depth = 0;
  let commas = 0;
  for (let i = open; i < tokens.length; i++) {
    const text = tokens[i]?.kind === "symbol" ? tokens[i]?.text : undefined;
    if (text === "(") depth += 1;
    else if (text === ")") {
      depth -= 1;
      if (depth === 0) return { close: i, commas };
    } else if (text === "," && depth === 1) commas += 1;
  }
  return { close: tokens.length - 1, commas };
}

function nextSolid(tokens: Token[], from: number): number {
  let i = from;
  while (i < tokens.length && tokens[i]?.kind === "space") i += 1;
  return i;
}

function previousSolid(tokens: Token[], from: number): number {
  let i = from;
  while (i >= 0 && tokens[i]?.kind === "space") i -= 1;
  return i;
}

/** A statement rewritten: its text, and for each `$n` the name it had when it was `@name` (else null). */
export interface PostgresStatementText {
  text: string;
  names: (string | null)[];
}

/**
 * SQLite's GLOB pattern (a literal) as a POSIX regular expression, anchored where the pattern is: a
 * leading or trailing `*` leaves that end open rather than matching `.*` there, which PostgreSQL's
 * regex engine pays for on every row (a segment's number test reads every value of a key).
 */
function globToRegex(literal: string): string {
  let pattern = literal.slice(1, -1).replaceAll("''", "'");
  const openStart = pattern.startsWith("*");
  // GLOB has no escape character: a `*` at either end is always a wildcard ("*" alone opens one end).
  const openEnd = pattern.length > 1 && pattern.endsWith("*");
  pattern = pattern.slice(openStart ? 1 : 0, openEnd ? -1 : undefined);
  let regex = openStart ? "" : "^";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === "*") regex += ".*";
    else if (c === "?") regex += ".";
    else if (c === "[") {
      const end = pattern.indexOf("]", i + 2);
      const set = pattern.slice(i + 1, end).replace(/^\^/, "^");
      regex += `[${set.replaceAll("\\", "\\\\")}]`;
      i = end;
    } else regex += /[\\.^$|()+{}]/.test(c) ? `\\${c}` : c;
  }
  return `'${`${regex}${openEnd ? "" : "$"}`.replaceAll("'", "''")}'`;
}

/** SQLite SQL as PostgreSQL runs it. Pure; the result is the same for the same input (cache it). */
export function toPostgres(sql: string): PostgresStatementText {
  const tokens = tokenize(sql);
  const names: (string | null)[] = [];
  const numbered = new Map<string, number>();
  let placeholder = 0;
  let ignoreConflicts = false;
  let returningAt = -1;
  let depth = 0;
  let inValues = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.kind === "placeholder") {
      if (token.text.length > 1 && token.text[0] !== "?") {
        // A named parameter used twice is one PostgreSQL parameter.
        const name = token.text.slice(1);
        let position = numbered.get(name);
        if (position === undefined) {
          placeholder += 1;
          position = placeholder;
          numbered.set(name, position);
          names.push(name);
        }
        token.text = `$${position}`;
      } else {
        placeholder += 1;
        names.push(null);
        token.text = `$${placeholder}`;
      }
      continue;
    }
    if (token.kind === "symbol") {
      if (token.text === "(") depth += 1;
      if (token.text === ")") depth -= 1;
      continue;
    }
    if (token.kind !== "word") continue;
    const lower = token.text.toLowerCase();
    if (lower === "begin" && i === nextSolid(tokens, 0)) {
      const mode = nextSolid(tokens, i + 1);
      if (is(tokens[mode], "immediate") || is(tokens[mode], "deferred") || is(tokens[mode], "exclusive"))
        tokens.splice(i + 1, mode - i);
      continue;
    }
    if (lower === "insert") {
      const or = nextSolid(tokens, i + 1);
      if (is(tokens[or], "or")) {
        const action = nextSolid(tokens, or + 1);
        if (!is(tokens[action], "ignore"))
          throw new Error(`no PostgreSQL form for INSERT OR ${tokens[action]?.text}`);
        tokens.splice(i + 1, action - i);
        ignoreConflicts = true;
      }
      continue;
    }
    if (depth === 0) inValues = lower === "values";
    if (lower === "returning" && depth === 0) returningAt = i;
    if (lower === "null" && inValues && depth === 1) {
      const before = tokens[previousSolid(tokens, i - 1)]?.text;
      const after = tokens[nextSolid(tokens, i + 1)]?.text;
      if ((before === "(" || before === ",") && (after === "," || after === ")")) token.text = "default";
      continue;
    }
    if (lower === "conflict") {
      // drizzle names the conflict target's columns with their table; PostgreSQL takes bare names.
      const open = nextSolid(tokens, i + 1);
      if (tokens[open]?.text === "(") {
        const { close } = closing(tokens, open);
        for (let j = open + 1; j < close - 1; j++)
          if (tokens[j]?.kind === "identifier" && tokens[j + 1]?.text === ".") {
            (tokens[j] as Token).text = "";
            (tokens[j + 1] as Token).text = "";
          }
      }
      continue;
    }
    if (lower === "glob") {
      const pattern = nextSolid(tokens, i + 1);
      if (tokens[pattern]?.kind !== "string") throw new Error("GLOB on PostgreSQL needs a literal pattern");
      const not = previousSolid(tokens, i - 1);
      token.text = is(tokens[not], "not") ? "!~" : "~";
      if (is(tokens[not], "not")) (tokens[not] as Token).text = "";
      (tokens[pattern] as Token).text = globToRegex((tokens[pattern] as Token).text);
      continue;
    }
    if (lower === "is") {
      // SQLite's IS compares anything, NULL-safe; PostgreSQL's takes only NULL, TRUE and FALSE.
      let operand = nextSolid(tokens, i + 1);
      const negated = is(tokens[operand], "not");
      if (negated) operand = nextSolid(tokens, operand + 1);
      const target = tokens[operand];
      if (!(is(target, "null") || is(target, "true") || is(target, "false"))) {
        token.text = negated ? "is distinct from" : "is not distinct from";
        if (negated) tokens.splice(i + 1, nextSolid(tokens, i + 1) - i);
      }
      continue;
    }
    if (lower === "rowid") {
      // Only ever a tie-break by insertion order; a tuple's place is the nearest PostgreSQL has.
      token.text = "ctid";
      continue;
    }
    if (lower === "like") {
      // SQLite's LIKE ignores ASCII case; PostgreSQL's does not.
      token.text = "ilike";
      continue;
    }
    const open = nextSolid(tokens, i + 1);
    if (tokens[open]?.text !== "(") {
      if (lower in castTypes && is(tokens[previousSolid(tokens, i - 1)], "as"))
        token.text = castTypes[lower] as string;
      continue;
    }
    if (lower === "iif") {
      const { close } = closing(tokens, open);
      let depthInside = 0;
      let commas = 0;
      for (let j = open + 1; j < close; j++) {
        const inner = tokens[j] as Token;
        if (inner.kind !== "symbol") continue;
        if (inner.text === "(") depthInside += 1;
        else if (inner.text === ")") depthInside -= 1;
        else if (inner.text === "," && depthInside === 0) {
          commas += 1;
          inner.text = commas === 1 ? " then " : " else ";
        }
      }
      token.text = "(case when";
      (tokens[open] as Token).text = " ";
      (tokens[close] as Token).text = " end)";
      continue;
    }
    if (lower in renamed) token.text = renamed[lower] as string;
    else if (lower in scalarForms && closing(tokens, open).commas > 0)
      token.text = scalarForms[lower] as string;
  }
  let text = tokens.map((t) => t.text).join("");
  if (ignoreConflicts) {
    if (returningAt === -1) text = `${text.trimEnd()} on conflict do nothing`;
    else {
      const head = tokens
        .slice(0, returningAt)
        .map((t) => t.text)
        .join("");
      const tail = tokens
        .slice(returningAt)
        .map((t) => t.text)
        .join("");
      text = `${head.trimEnd()} on conflict do nothing ${tail}`;
    }
  }
  return { text, names };
}
