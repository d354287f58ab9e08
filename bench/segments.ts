import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDatabase, type OpenDatabase } from "../src/db/client.js";
import { parseSegment, type Segment, segmentErrorText } from "../src/features/segments/segment.js";
import { SegmentRepository } from "../src/features/segments/segment-repository.js";
import { defineScenario, formatTable, round } from "./scenario.js";

/** The data's "now": relative segments (`seen>-30d`) count back from it. */
const anchor = Date.UTC(2026, 5, 1);
const day = 86_400_000;

const firstUserId = 100_000_000;

/** A small seeded generator, so every run builds the same users. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pick<T>(random: () => number, choices: ReadonlyArray<readonly [T, number]>): T {
  let r = random();
  for (const [value, share] of choices) {
    r -= share;
    if (r < 0) return value;
  }
  return (choices[choices.length - 1] as readonly [T, number])[0];
}

/**
 * Inserts `count` users with a spread of statuses, languages, referrals, activity, tags and attributes,
 * in one transaction of prepared statements. Users from the `_spring` campaign lean towards vip,
 * Malaysia, e-mail and English, so the issue's example selects somebody.
 */
function insertUsers(database: OpenDatabase, count: number): void {
  const { sqlite } = database;
  const random = seededRandom(42);
  const insertCampaign = sqlite.prepare("INSERT INTO campaigns (code, name, created_at) VALUES (?, ?, ?)");
  const insertUser = sqlite.prepare(
    `INSERT INTO users (id, first_name, username, language_code, is_premium, status, first_seen_at, last_seen_at,
       registered_at, referral_code, referrer_id, campaign_id, dead_at, email, phone, message_count, session_count,
       click_count, sentiment_total, sentiment_count)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertTag = sqlite.prepare("INSERT INTO user_tags (user_id, tag, created_at) VALUES (?, ?, ?)");
  const insertAttribute = sqlite.prepare(
    "INSERT INTO user_attributes (user_id, key, value, updated_at) VALUES (?, ?, ?, ?)",
  );
  const firstId = firstUserId;
  sqlite.transaction(() => {
    for (let c = 1; c <= 20; c++)
      insertCampaign.run(c === 1 ? "_spring" : `campaign${c}`, `Campaign ${c}`, anchor);
    for (let i = 0; i < count; i++) {
      const id = firstId + i;
      const campaignId = random() < 0.1 ? (random() < 0.5 ? 1 : 2 + Math.floor(random() * 19)) : null;
      const spring = campaignId === 1;
      const status = pick(random, [
        ["active", 0.9],
        ["pending", 0.07],
        ["banned", 0.03],
      ] as const);
      const registeredAt = status === "pending" ? null : anchor - Math.floor(random() * 730 * day);
      const firstSeen = registeredAt ?? anchor - Math.floor(random() * 30 * day);
      const lastSeen = firstSeen + Math.floor(random() * (anchor - firstSeen));
      const language =
        spring && random() < 0.6
          ? "en"
          : pick(random, [
              ["en", 0.38],
              ["en-gb", 0.05],
              ["ru", 0.2],
              ["de", 0.08],
              ["es", 0.08],
              ["pt-br", 0.06],
              ["ms", 0.05],
              [null, 0.1],
            ] as const);
      const messages = Math.floor(-Math.log(1 - random()) * 20);
      const sessions = Math.ceil(messages / 3);
      const name = random() < 0.95 ? `User${i}` : random() < 0.5 ? "\u3164" : null;
      insertUser.run(
        id,
        name,
        random() < 0.6 ? `user${i}` : null,
        language,
        random() < 0.05 ? 1 : 0,
        status,
        firstSeen,
        lastSeen,
        registeredAt,
        `r${id}`,
        i > 1000 && random() < 0.2 ? firstId + Math.floor(random() * i) : null,
        campaignId,
        random() < 0.15 ? lastSeen + day : null,
        random() < (spring ? 0.5 : 0.2) ? `user${i}@example.com` : null,
        random() < 0.1 ? `+6012${String(i).padStart(7, "0")}` : null,
        messages,
        sessions,
        Math.floor(random() * 5),
        sessions > 0 ? (random() * 2 - 0.7) * sessions : 0,
        sessions,
      );
      if (random() < (spring ? 0.4 : 0.03)) insertTag.run(id, "vip", anchor);
      if (random() < 0.1) insertTag.run(id, "beta", anchor);
      if (random() < 0.005) insertTag.run(id, "test", anchor);
      if (random() < 0.3) insertTag.run(id, "newsletter", anchor);
      if (spring && random() < 0.5) insertAttribute.run(id, "country", "Malaysia", anchor);
      else if (random() < 0.6) {
        const country = pick(random, [
          ["Malaysia", 0.1],
          ["Germany", 0.2],
          ["Russia", 0.3],
          ["Brazil", 0.2],
          ["Kuala Lumpur", 0.2],
        ] as const);
        insertAttribute.run(id, "country", country, anchor);
      }
      if (random() < 0.4) insertAttribute.run(id, "age", String(16 + Math.floor(random() * 50)), anchor);
      if (random() < 0.05)
        insertAttribute.run(
          id,
          "vip",
          pick(random, [
            ["true", 0.5],
            ["yes", 0.3],
            ["1", 0.2],
          ] as const),
          anchor,
        );
      if (random() < 0.3)
        insertAttribute.run(
          id,
          "signup",
          new Date(anchor - Math.floor(random() * 900 * day)).toISOString().slice(0, 10),
          anchor,
        );
    }
  })();
}

/** The poll mailing the answers belong to, and its options. */
const pollMailingId = 1;
const pollOptions = ["Red", "Blue", "Green", "Other"] as const;

/**
 * Answers to one poll mailing from 60 % of the users (an option each), stored as Usher stores them, and
 * the same answers written to the attribute `colour` as the poll's attribute option would: the baseline
 * selects the same users through an attribute. A generator of its own leaves the other users' data as it was.
 */
function insertPollAnswers(database: OpenDatabase, count: number): void {
  const { sqlite } = database;
  const random = seededRandom(7);
  const payload = {
    kind: "message",
    content: { type: "poll", question: "Colour?", options: pollOptions, allowsMultipleAnswers: false },
    buttons: [],
  };
  const insertAnswer = sqlite.prepare(
    "INSERT INTO poll_answers (mailing_id, option, user_id, answered_at) VALUES (?, ?, ?, ?)",
  );
  const insertAttribute = sqlite.prepare(
    "INSERT INTO user_attributes (user_id, key, value, updated_at) VALUES (?, 'colour', ?, ?)",
  );
  sqlite.transaction(() => {
    sqlite
      .prepare(
        `INSERT INTO mailings (id, kind, status, payload, audience, options, created_at)
         VALUES (?, 'mailing', 'completed', ?, '{"includeDead":false}', '{}', ?)`,
      )
      .run(pollMailingId, JSON.stringify(payload), anchor);
    for (let i = 0; i < count; i++) {
      if (random() >= 0.6) continue;
      const option = pick(random, [
        [1, 0.4],
        [2, 0.3],
        [3, 0.2],
        [4, 0.1],
      ] as const);
      insertAnswer.run(pollMailingId, option, firstUserId + i, anchor);
      insertAttribute.run(firstUserId + i, pollOptions[option - 1], anchor);
    }
  })();
}

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
  async run(flags) {
    const folder = mkdtempSync(join(tmpdir(), "usher-bench-segments-"));
    const database = createDatabase(join(folder, "usher.db"));
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
        const handWritten = database.sqlite.prepare(c.handWritten).pluck();
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
          `${flags.population} users seeded in ${round(seedSeconds)} s; baseline “${plainBaseline}”: ${round(baseline.seconds, 3)} s (${baseline.result} users)`,
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
      };
    } finally {
      database.close();
      rmSync(folder, { recursive: true, force: true });
    }
  },
});
