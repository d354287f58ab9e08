import type { OpenDatabase } from "../src/db/client.js";
import { parseSegment, type Segment, segmentErrorText } from "../src/features/segments/segment.js";
import { SegmentRepository } from "../src/features/segments/segment-repository.js";
import { type Engine, engineNames, isPostgres, openBenchDatabase } from "./database.js";
import { defineScenario, formatTable, round } from "./scenario.js";
import { anchor, day, insertPollAnswers, insertUsers, pollMailingId } from "./segments-seed.js";

interface Case {
  segment: string;
  /** The same count as a person would write it by hand, for comparison (and to check the count). */
  handWritten: string;
}

const issueExample =
  "tag:vip country=Malaysia has:email lang:en status:active dead:no ref:a_spring joined>2026-01-01 messages>=10 -tag:test";

const cases: Case[] = [
  {
    segment: "status:active dead:no",
    handWritten: "SELECT count(*) FROM users WHERE status = 'active' AND dead_at IS NULL",
  },
  {
    segment: issueExample,
    handWritten: `SELECT count(*) FROM users WHERE status = 'active' AND dead_at IS NULL
      AND id IN (SELECT user_id FROM user_tags WHERE tag = 'vip')
      AND id NOT IN (SELECT user_id FROM user_tags WHERE tag = 'test')
      AND id IN (SELECT user_id FROM user_attributes WHERE key = 'country' AND value = 'Malaysia' COLLATE NOCASE)
      AND email <> '' AND (language_code = 'en' OR language_code LIKE 'en-%')
      AND campaign_id = (SELECT id FROM campaigns WHERE code = '_spring')
      AND registered_at >= ${Date.UTC(2026, 0, 2)} AND message_count >= 10`,
  },
  {
    segment: "tag:vip OR tag:beta",
    handWritten:
      "SELECT count(*) FROM users WHERE id IN (SELECT user_id FROM user_tags WHERE tag IN ('vip', 'beta'))",
  },
  {
    segment: "lang:en -tag:test",
    handWritten: `SELECT count(*) FROM users WHERE (language_code = 'en' OR language_code LIKE 'en-%')
      AND id NOT IN (SELECT user_id FROM user_tags WHERE tag = 'test')`,
  },
  {
    segment: "seen>-30d messages>=10",
    handWritten: `SELECT count(*) FROM users WHERE last_seen_at > ${anchor - 30 * day} AND message_count >= 10`,
  },
  {
    segment: "country=Malaysia has:email",
    handWritten: `SELECT count(*) FROM users WHERE email <> ''
      AND id IN (SELECT user_id FROM user_attributes WHERE key = 'country' AND value = 'Malaysia' COLLATE NOCASE)`,
  },
  {
    segment: "tag:vip age>30",
    handWritten: `SELECT count(*) FROM users WHERE id IN (SELECT user_id FROM user_tags WHERE tag = 'vip')
      AND id IN (SELECT user_id FROM user_attributes WHERE key = 'age' AND CAST(value AS INTEGER) > 30)`,
  },
  {
    segment: "age>30",
    handWritten:
      "SELECT count(*) FROM users WHERE id IN (SELECT user_id FROM user_attributes WHERE key = 'age' AND CAST(value AS INTEGER) > 30)",
  },
];

/** A segment over poll answers, and the same users through the attribute the answers were also written to. */
const pollPairs: Array<{ poll: Case; attribute: Case }> = [
  {
    poll: {
      segment: `poll:${pollMailingId}=2`,
      handWritten: `SELECT count(*) FROM users WHERE id IN
        (SELECT user_id FROM poll_answers WHERE mailing_id = ${pollMailingId} AND option = 2)`,
    },
    attribute: {
      segment: "colour=Blue",
      handWritten: `SELECT count(*) FROM users WHERE id IN
        (SELECT user_id FROM user_attributes WHERE key = 'colour' AND value = 'Blue' COLLATE NOCASE)`,
    },
  },
  {
    poll: {
      segment: `poll:${pollMailingId}=2 status:active dead:no lang:en`,
      handWritten: `SELECT count(*) FROM users WHERE status = 'active' AND dead_at IS NULL
        AND (language_code = 'en' OR language_code LIKE 'en-%')
        AND id IN (SELECT user_id FROM poll_answers WHERE mailing_id = ${pollMailingId} AND option = 2)`,
    },
    attribute: {
      segment: "colour=Blue status:active dead:no lang:en",
      handWritten: `SELECT count(*) FROM users WHERE status = 'active' AND dead_at IS NULL
        AND (language_code = 'en' OR language_code LIKE 'en-%')
        AND id IN (SELECT user_id FROM user_attributes WHERE key = 'colour' AND value = 'Blue' COLLATE NOCASE)`,
    },
  },
];

/** SQLite's case-blind comparison as PostgreSQL writes it, for the hand-written counts. */
function handWrittenFor(database: OpenDatabase, text: string): string {
  if (!isPostgres(database)) return text;
  return text.replace(/(\w+) = ('[^']*') COLLATE NOCASE/g, "lower($1) = lower($2)");
}

const plainBaseline = "SELECT count(*) FROM users WHERE status = 'active'";

function treeOf(text: string): Segment {
  const parsed = parseSegment(text);
  if (!parsed.ok) throw new Error(`${text}: ${segmentErrorText(parsed)}`);
  return parsed.tree;
}

/** The median seconds of `repeats` runs, after one untimed run; and what the run returned. */
function timed<T>(repeats: number, run: () => T): { seconds: number; result: T } {
  let result = run();
  const samples: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    result = run();
    samples.push((performance.now() - started) / 1000);
  }
  samples.sort((a, b) => a - b);
  return { seconds: samples[Math.floor(samples.length / 2)] as number, result };
}

export const segmentsScenario = defineScenario({
  name: "segments",
  description:
    "counting typical segments over a million users, against the same counts in hand-written SQL; poll answers against the same answers as an attribute",
  flags: {
    population: { description: "users in the database", default: 1_000_000, min: 1000 },
    repeats: { description: "timed counts per segment (the median counts)", default: 5 },
  },
  databases: true,
  async run(flags, engine: Engine) {
    const opened = openBenchDatabase(engine);
    const { database } = opened;
    try {
      const seedStarted = performance.now();
      insertUsers(database, flags.population);
      insertPollAnswers(database, flags.population);
      const seedSeconds = (performance.now() - seedStarted) / 1000;
      const segments = new SegmentRepository(database.db, {
        now: () => new Date(anchor),
        timeZone: () => "UTC",
      });
      const plain = database.sqlite.prepare(plainBaseline).pluck();
      const baseline = timed(flags.repeats, () => plain.get() as number);

      const measure = (c: Case) => {
        const tree = treeOf(c.segment);
        const segment = timed(flags.repeats, () => segments.countSegment(tree));
        const handWritten = database.sqlite.prepare(handWrittenFor(database, c.handWritten)).pluck();
        const hand = timed(flags.repeats, () => handWritten.get() as number);
        if (segment.result !== hand.result)
          throw new Error(
            `${c.segment}: the segment counts ${segment.result}, hand-written SQL ${hand.result}`,
          );
        return {
          segment: c.segment,
          count: segment.result,
          seconds: segment.seconds,
          handSeconds: hand.seconds,
        };
      };
      const results = cases.map(measure);
      const polls = pollPairs.map(({ poll, attribute }) => {
        const byPoll = measure(poll);
        const byAttribute = measure(attribute);
        if (byPoll.count !== byAttribute.count)
          throw new Error(
            `${poll.segment} counts ${byPoll.count}, ${attribute.segment} ${byAttribute.count}`,
          );
        return { poll: byPoll, attribute: byAttribute, ratio: byPoll.seconds / byAttribute.seconds };
      });

      const slowest = Math.max(...results.map((r) => r.seconds), ...polls.map((p) => p.poll.seconds));
      const passed = slowest < 1;
      const label = (text: string) => (text.length > 48 ? `${text.slice(0, 47)}…` : text);
      return {
        lines: [
          `${engineNames[engine]}: ${flags.population} users seeded in ${round(seedSeconds)} s; baseline “${plainBaseline}”: ${round(baseline.seconds, 3)} s (${baseline.result} users)`,
          ...formatTable([
            ["segment", "users", "segment s", "by hand s", "× by hand", "× baseline"],
            ...results.map((r) => [
              label(r.segment),
              String(r.count),
              String(round(r.seconds, 3)),
              String(round(r.handSeconds, 3)),
              String(round(r.seconds / r.handSeconds, 2)),
              String(round(r.seconds / baseline.seconds, 1)),
            ]),
          ]),
          "a segment over poll answers (60 % of the users answered) against the same answers as an attribute:",
          ...formatTable([
            ["poll segment", "users", "poll s", "attribute s", "× attribute"],
            ...polls.map((p) => [
              label(p.poll.segment),
              String(p.poll.count),
              String(round(p.poll.seconds, 3)),
              String(round(p.attribute.seconds, 3)),
              String(round(p.ratio, 2)),
            ]),
          ]),
          `target: every count < 1 s (slowest ${round(slowest, 3)} s) — ${passed ? "PASS" : "FAIL"}`,
        ],
        data: {
          population: flags.population,
          seedSeconds: round(seedSeconds, 1),
          baselineSeconds: round(baseline.seconds, 4),
          segments: results.map((r) => ({
            segment: r.segment,
            count: r.count,
            seconds: round(r.seconds, 4),
            handWrittenSeconds: round(r.handSeconds, 4),
          })),
          polls: polls.map((p) => ({
            segment: p.poll.segment,
            count: p.poll.count,
            seconds: round(p.poll.seconds, 4),
            attributeSegment: p.attribute.segment,
            attributeSeconds: round(p.attribute.seconds, 4),
            ratio: round(p.ratio, 3),
          })),
          slowestSeconds: round(slowest, 4),
          pass: passed,
        },
        passed,
        figures: [
          ...results.map((r) => ({ metric: `segment s: ${label(r.segment)}`, value: r.seconds, digits: 3 })),
          ...polls.map((p) => ({
            metric: `segment s: ${label(p.poll.segment)}`,
            value: p.poll.seconds,
            digits: 3,
          })),
          { metric: "segments: slowest count s", value: slowest, digits: 3 },
        ],
      };
    } finally {
      opened.remove();
    }
  },
});
