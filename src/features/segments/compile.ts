import { type AnyColumn, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { DateTime, IANAZone } from "luxon";
import {
  campaigns,
  pollAnswers,
  topics,
  userAttributes,
  users,
  userTags,
  userTopics,
} from "../../db/schema/index.js";
import { visibleName } from "../users/display-name.js";
import type {
  AttributeValue,
  Comparison,
  Condition,
  NumberField,
  OrderedComparison,
  ProfileField,
  Segment,
  TimeField,
  TimeValue,
} from "./tree.js";

/** When a segment is evaluated: `-7d` counts back from `now`, days and wall-clock times are in `zone`. */
interface Scope {
  now: number;
  zone: string;
}

// Operators come from the tree's closed set, never from the user's text.
const operatorSql: Record<Comparison, SQL> = {
  "=": sql.raw("="),
  "!=": sql.raw("<>"),
  "<": sql.raw("<"),
  "<=": sql.raw("<="),
  ">": sql.raw(">"),
  ">=": sql.raw(">="),
};

const unitMs = { h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 } as const;

/** Every character a "Dear User" name may consist of: trimming them all leaves an invisible name empty. */
const invisibleCharacters = Array.from({ length: 0x10000 }, (_, code) => String.fromCharCode(code))
  .filter((char) => !/[\uD800-\uDFFF]/.test(char) && visibleName(char) === null)
  .join("");

const parents = alias(users, "parents");

const numberColumns: Record<Exclude<NumberField, "sentiment">, AnyColumn> = {
  id: users.id,
  messages: users.messageCount,
  sessions: users.sessionCount,
  clicks: users.clickCount,
  referrals: users.referralCount,
};

const timeColumns: Record<TimeField, { column: AnyColumn; nullable: boolean }> = {
  joined: { column: users.registeredAt, nullable: true },
  seen: { column: users.lastSeenAt, nullable: false },
};

const profileColumns: Record<Exclude<ProfileField, "name">, AnyColumn> = {
  email: users.email,
  phone: users.phone,
  username: users.username,
};

/** A day as the half-open span of milliseconds it covers in the zone, or a moment's milliseconds. */
function timeOf(value: TimeValue, scope: Scope): { start: number; end: number } | { at: number } {
  switch (value.kind) {
    case "day": {
      const start = DateTime.fromISO(value.date, { zone: scope.zone }).startOf("day");
      return { start: start.toMillis(), end: start.plus({ days: 1 }).toMillis() };
    }
    case "local":
      return { at: DateTime.fromISO(value.dateTime, { zone: scope.zone }).toMillis() };
    case "instant":
      return { at: Date.parse(value.iso) };
    case "ago":
      return { at: scope.now - value.amount * unitMs[value.unit] };
  }
}

/** A millisecond column against a time: a day counts as a whole (`>` a day is after it ends). */
function compareTime(column: SQL | AnyColumn, op: Comparison, value: TimeValue, scope: Scope): SQL {
  const time = timeOf(value, scope);
  if ("at" in time) return sql`${column} ${operatorSql[op]} ${time.at}`;
  const { start, end } = time;
  switch (op) {
    case "=":
      return sql`${column} >= ${start} AND ${column} < ${end}`;
    case "!=":
      return sql`(${column} < ${start} OR ${column} >= ${end})`;
    case "<":
      return sql`${column} < ${start}`;
    case "<=":
      return sql`${column} < ${end}`;
    case ">":
      return sql`${column} >= ${end}`;
    case ">=":
      return sql`${column} >= ${start}`;
  }
}

const storedValue = userAttributes.value;
const storedNumber = sql`${storedValue} GLOB '*[0-9]*' AND ${storedValue} NOT GLOB '*[^0-9.-]*' AND ${storedValue} NOT GLOB '?*-*' AND ${storedValue} NOT GLOB '*.*.*'`;
const storedDate = sql`${storedValue} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'`;
const storedMs = sql`round((julianday(${storedValue}) - 2440587.5) * 86400000)`;

/**
 * Whether a stored attribute value (text) matches: as a number when it reads as one, a date by its
 * ISO date part (or as a moment), a boolean by its usual spellings, else as text regardless of case.
 * Never NULL, so negating it is safe.
 */
function attributeMatch(op: "=" | OrderedComparison, expected: AttributeValue, scope: Scope): SQL {
  switch (expected.type) {
    case "text":
      // lower() folds ASCII as SQLite's NOCASE does, and means the same on PostgreSQL.
      return sql`lower(${storedValue}) = lower(${expected.text})`;
    case "boolean": {
      const spellings = expected.boolean ? ["true", "yes", "1"] : ["false", "no", "0"];
      return sql`lower(${storedValue}) IN (${sql.join(
        spellings.map((s) => sql`${s}`),
        sql`, `,
      )})`;
    }
    case "number":
      // CASE, so the cast runs only on values that read as numbers (PostgreSQL's AND has no order).
      return sql`CASE WHEN ${storedNumber} THEN CAST(${storedValue} AS REAL) ${operatorSql[op]} ${expected.number} ELSE FALSE END`;
    case "time":
      if (expected.time.kind === "day")
        return sql`${storedDate} AND substr(${storedValue}, 1, 10) ${operatorSql[op]} ${expected.time.date}`;
      return sql`${storedDate} AND julianday(${storedValue}) IS NOT NULL AND ${compareTime(storedMs, op, expected.time, scope)}`;
  }
}

/**
 * The user has the attribute (with a value that matches). Written as `id IN (…)`: one pass over the
 * key's rows in the (key, value, user_id) index, where a correlated EXISTS let SQLite walk that
 * index once per user (2.2 s instead of 0.2 s over a million users).
 */
function attributeExists(key: string, match?: SQL): SQL {
  const valueMatches = match === undefined ? sql`` : sql` AND ${match}`;
  return sql`${users.id} IN (SELECT ${userAttributes.userId} FROM ${userAttributes} WHERE ${userAttributes.key} = ${key}${valueMatches})`;
}

function compileCondition(condition: Condition, scope: Scope): SQL {
  switch (condition.kind) {
    case "tag":
      return sql`${users.id} IN (SELECT ${userTags.userId} FROM ${userTags} WHERE ${userTags.tag} = ${condition.tag})`;
    case "topic":
      // One range of the subscriptions' primary key (topic, user), like a tag; an unknown name selects nobody.
      return sql`${users.id} IN (SELECT ${userTopics.userId} FROM ${userTopics} WHERE ${userTopics.topicId} IN (SELECT ${topics.id} FROM ${topics} WHERE ${topics.nameKey} = ${condition.name}))`;
    case "has":
      if (condition.field === "name")
        return sql`${users.firstName} IS NOT NULL AND trim(${users.firstName}, ${invisibleCharacters}) <> ''`;
      return sql`${profileColumns[condition.field]} IS NOT NULL AND trim(${profileColumns[condition.field]}) <> ''`;
    case "has_attribute":
      return attributeExists(condition.key);
    case "language":
      // The language the user chose, else Telegram's: `en` covers `en` and `en-…`, every code from
      // "en" up to "en." ("." sorts right after "-"). One index lookup per column (the coalesce keeps
      // the second on language_code's range), and never NULL, so a negation selects the rest.
      return sql`((${users.language} IS NOT NULL AND ${users.language} = ${condition.code}) OR (coalesce(${users.language}, '') = '' AND ${users.languageCode} IS NOT NULL AND ${users.languageCode} >= ${condition.code} AND ${users.languageCode} < ${`${condition.code}.`}))`;
    case "status":
      return sql`${users.status} = ${condition.status}`;
    case "dead":
      return condition.dead ? sql`${users.deadAt} IS NOT NULL` : sql`${users.deadAt} IS NULL`;
    case "premium":
      return sql`${users.isPremium} = ${condition.premium ? 1 : 0}`;
    case "referred_by":
      return sql`${users.referrerId} IS NOT NULL AND ${users.referrerId} IN (SELECT ${parents.id} FROM ${users} ${sql.identifier("parents")} WHERE ${parents.referralCode} = ${condition.code})`;
    case "campaign":
      return sql`${users.campaignId} IS NOT NULL AND ${users.campaignId} IN (SELECT ${campaigns.id} FROM ${campaigns} WHERE ${campaigns.code} = ${condition.code})`;
    case "parent":
      return sql`${users.referrerId} IS NOT NULL AND ${users.referrerId} = ${condition.id}`;
    case "poll": {
      const option =
        condition.option === undefined ? sql`` : sql` AND ${pollAnswers.option} = ${condition.option}`;
      // One range of the answers' primary key (mailing, option, user), like a tag.
      return sql`${users.id} IN (SELECT ${pollAnswers.userId} FROM ${pollAnswers} WHERE ${pollAnswers.mailingId} = ${condition.mailingId}${option})`;
    }
    case "number":
      if (condition.field === "sentiment")
        return sql`${users.sentimentCount} > 0 AND ${users.sentimentTotal} / ${users.sentimentCount} ${operatorSql[condition.op]} ${condition.value}`;
      return sql`${numberColumns[condition.field]} ${operatorSql[condition.op]} ${condition.value}`;
    case "time": {
      const { column, nullable } = timeColumns[condition.field];
      const comparison = compareTime(column, condition.op, condition.value, scope);
      return nullable ? sql`${column} IS NOT NULL AND ${comparison}` : comparison;
    }
    case "attribute":
      // Text equality narrows through the (key, value) index, so its matches are listed once;
      // any other test reads every value of the key, cheaper row by row for the users still in question.
      if (condition.op === "=" && condition.value.type === "text")
        return sql`${users.id} IN (SELECT ${userAttributes.userId} FROM ${userAttributes} WHERE ${userAttributes.key} = ${condition.key} AND ${attributeMatch("=", condition.value, scope)})`;
      // `key!=value`: the attribute is set, to something else.
      return attributeExists(
        condition.key,
        condition.op === "!="
          ? sql`NOT (${attributeMatch("=", condition.value, scope)})`
          : attributeMatch(condition.op, condition.value, scope),
      );
  }
}

function compile(tree: Segment, scope: Scope): SQL {
  switch (tree.kind) {
    case "everyone":
      return sql`1 = 1`;
    case "and":
    case "or":
      return sql`(${sql.join(
        tree.items.map((item) => sql`(${compile(item, scope)})`),
        tree.kind === "and" ? sql` AND ` : sql` OR `,
      )})`;
    case "not":
      return sql`NOT (${compile(tree.item, scope)})`;
    default:
      return compileCondition(tree, scope);
  }
}

/**
 * The SQL condition over `users` selecting a segment's users, every value bound as a parameter.
 * Each condition is true or false, never NULL, so negations select exactly the rest.
 */
export function segmentCondition(tree: Segment, now: Date, timeZone = "UTC"): SQL {
  const zone = IANAZone.isValidZone(timeZone) ? timeZone : "UTC";
  return compile(tree, { now: now.getTime(), zone });
}
