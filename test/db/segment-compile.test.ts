import { count, eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type OpenDatabase } from "../../src/db/client.js";
import { campaigns, pollAnswers, userAttributes, users, userTags } from "../../src/db/schema/index.js";
import { segmentAudience } from "../../src/features/mailing/audience.js";
import type { MailingAudience } from "../../src/features/mailing/mailing.js";
import { audienceCondition } from "../../src/features/mailing/mailing-audience.js";
import {
  parseSegment,
  type Segment,
  segmentCondition,
  segmentErrorText,
} from "../../src/features/segments/segment.js";
import { SegmentRepository } from "../../src/features/segments/segment-repository.js";
import { insertCompletedMailing } from "../support/mailing-factory.js";
import { createTestDatabase } from "../support/test-database.js";
import { insertUser, type UserSeed } from "../support/user-factory.js";

const now = new Date("2026-06-01T12:00:00.000Z");
const hours = (n: number) => new Date(now.getTime() - n * 3_600_000);
const days = (n: number) => hours(24 * n);

let database: OpenDatabase;

function addUser(user: UserSeed, tags: string[] = [], attributes: Record<string, string> = {}): void {
  const { db } = database;
  insertUser(db, { firstName: "User", status: "active", firstSeenAt: days(300), ...user }, now);
  for (const tag of tags) db.insert(userTags).values({ userId: user.id, tag, createdAt: now }).run();
  for (const [key, value] of Object.entries(attributes))
    db.insert(userAttributes).values({ userId: user.id, key, value, updatedAt: now }).run();
}

beforeAll(() => {
  database = createTestDatabase();
  const { db } = database;
  db.insert(campaigns).values({ id: 1, code: "_spring", name: "Spring", createdAt: now }).run();
  db.insert(campaigns).values({ id: 2, code: "autumn", name: "Autumn", createdAt: now }).run();
  addUser(
    {
      id: 1,
      firstName: "Ann",
      username: "ann",
      email: "ann@example.com",
      languageCode: "en",
      isPremium: true,
      referralCode: "annref",
      registeredAt: new Date("2026-01-15T10:00:00Z"),
      lastSeenAt: days(1),
      messageCount: 12,
      sessionCount: 3,
      clickCount: 2,
      referralCount: 2,
      sentimentTotal: 3,
      sentimentCount: 2,
      campaignId: 1,
    },
    ["vip", "beta"],
    { country: "Malaysia", age: "31", vip: "true", signup: "2025-12-20", city: "Kuala Lumpur" },
  );
  addUser(
    {
      id: 2,
      firstName: "Bob",
      phone: "+60123456",
      languageCode: "en-gb",
      referrerId: 1,
      registeredAt: new Date("2025-12-31T23:30:00Z"),
      lastSeenAt: days(10),
      messageCount: 10,
      sentimentTotal: -2,
      sentimentCount: 1,
    },
    ["test"],
    { country: "malaysia", age: "30", vip: "yes", signup: "2026-01-01T08:00:00Z" },
  );
  addUser(
    {
      id: 3,
      firstName: "\u3164",
      languageCode: "de",
      language: "ru",
      status: "pending",
      lastSeenAt: days(100),
    },
    [],
    {
      country: "Germany",
      age: "thirty",
      vip: "no",
    },
  );
  addUser(
    {
      id: 4,
      firstName: "Dee",
      username: "   ",
      email: "",
      status: "banned",
      deadAt: days(5),
      referrerId: 1,
      registeredAt: new Date("2026-03-01T00:00:00Z"),
      lastSeenAt: hours(2),
    },
    ["vip"],
    { age: "30.5", signup: "2026-02-01" },
  );
  addUser(
    {
      id: 5,
      firstName: "Eve",
      languageCode: "eng",
      deadAt: days(3),
      campaignId: 2,
      registeredAt: new Date("2026-01-01T00:00:00Z"),
      lastSeenAt: days(40),
      messageCount: 100,
    },
    [],
    { country: "Kuala Lumpur", age: "-5", vip: "1", status: "gold" },
  );
  addUser(
    {
      id: -7,
      firstName: null,
      email: "imported@example.com",
      phone: "+4912345",
      status: "pending",
      lastSeenAt: days(200),
    },
    [],
    { country: "Malaysia" },
  );
  const poll = {
    kind: "message" as const,
    content: { type: "poll" as const, question: "Q?", options: ["a", "b"], allowsMultipleAnswers: true },
    buttons: [],
  };
  for (const id of [1, 2]) {
    insertCompletedMailing(db, now, { id, payload: poll });
  }
  const answers: Array<[mailingId: number, userId: number, option: number]> = [
    [1, 1, 2],
    [1, 2, 1],
    [1, 2, 2],
    [1, 3, 1],
    [2, 4, 1],
  ];
  for (const [mailingId, userId, option] of answers)
    db.insert(pollAnswers).values({ mailingId, userId, option, answeredAt: now }).run();
});

const everyone = [-7, 1, 2, 3, 4, 5];

function treeOf(text: string): Segment {
  const parsed = parseSegment(text);
  if (!parsed.ok) throw new Error(`${text}: ${segmentErrorText(parsed)}`);
  return parsed.tree;
}

function idsOf(tree: Segment, timeZone = "UTC"): number[] {
  return database.db
    .select({ id: users.id })
    .from(users)
    .where(segmentCondition(tree, now, timeZone))
    .orderBy(users.id)
    .all()
    .map((row) => row.id);
}

const select = (text: string, timeZone = "UTC") => idsOf(treeOf(text), timeZone);

describe("segment compiler", () => {
  it("when each operator is used, then exactly the right users are selected", () => {
    const cases: Array<[string, number[]]> = [
      ["", everyone],
      ["tag:vip", [1, 4]],
      ["-tag:vip", [-7, 2, 3, 5]],
      ["tag:vip tag:beta", [1]],
      ["tag:vip OR tag:test", [1, 2, 4]],
      ["tag:vip -(tag:beta)", [4]],
      ["has:email", [-7, 1]],
      ["has:phone", [-7, 2]],
      ["has:username", [1]],
      ["has:name", [1, 2, 4, 5]],
      ["lang:en", [1, 2]],
      ["lang:en-gb", [2]],
      ["lang:eng", [5]],
      // User 3 chose Russian though Telegram says German: the choice counts.
      ["lang:ru", [3]],
      ["lang:de", []],
      ["-lang:en", [-7, 3, 4, 5]],
      ["status:active", [1, 2, 5]],
      ["status:pending", [-7, 3]],
      ["status:banned", [4]],
      ["dead:yes", [4, 5]],
      ["dead:no", [-7, 1, 2, 3]],
      ["premium:yes", [1]],
      ["premium:no", [-7, 2, 3, 4, 5]],
      ["ref:rannref", [2, 4]],
      ["-ref:rannref", [-7, 1, 3, 5]],
      ["ref:rnobody", []],
      ["ref:a_spring", [1]],
      ["ref:aautumn", [5]],
      ["-ref:a_spring", [-7, 2, 3, 4, 5]],
      ["parent:1", [2, 4]],
      ["-parent:1", [-7, 1, 3, 5]],
      ["id:2", [2]],
      ["id<0", [-7]],
      ["id>=4", [4, 5]],
      ["messages>=10", [1, 2, 5]],
      ["messages=10", [2]],
      ["messages!=0", [1, 2, 5]],
      ["sessions>1", [1]],
      ["clicks>0", [1]],
      ["referrals>=2", [1]],
      ["sentiment<0", [2]],
      ["sentiment>0", [1]],
      ["sentiment=1.5", [1]],
      ["-sentiment<0", [-7, 1, 3, 4, 5]],
      ["joined>2026-01-01", [1, 4]],
      ["joined>=2026-01-01", [1, 4, 5]],
      ["joined:2026-01-01", [5]],
      ["joined<2026-01-01", [2]],
      ["joined<=2026-01-01", [2, 5]],
      ["joined!=2026-01-01", [1, 2, 4]],
      ["-joined>2026-01-01", [-7, 2, 3, 5]],
      ["joined>2026-01-01T07:00+08:00", [1, 2, 4, 5]],
      ["joined<2026-01-01T00:00:00Z", [2]],
      ["joined>=2026-01-15T10:00", [1, 4]],
      ["seen>-7d", [1, 4]],
      ["seen>-12h", [4]],
      ["seen>-2w", [1, 2, 4]],
      ["seen<-30d", [-7, 3, 5]],
      ["seen:2026-05-31", [1]],
      ["country=Malaysia", [-7, 1, 2]],
      ["country!=Malaysia", [3, 5]],
      ["-country=Malaysia", [3, 4, 5]],
      ['city="Kuala Lumpur"', [1]],
      ['country="kuala lumpur"', [5]],
      ["has:country", [-7, 1, 2, 3, 5]],
      ["-has:country", [4]],
      ["age>30", [1, 4]],
      ["age>=30", [1, 2, 4]],
      ["age=30", [2]],
      ["age<0", [5]],
      ["age!=30", [1, 3, 4, 5]],
      ["age=thirty", [3]],
      ['age="30.5"', [4]],
      ["vip=true", [1, 2, 5]],
      ["vip=false", [3]],
      ["vip=1", [5]],
      ["vip!=true", [3]],
      ["signup<2026-01-01", [1]],
      ["signup=2026-01-01", [2]],
      ["signup>=2026-01-01", [2, 4]],
      ["signup>2026-01-01T09:00:00Z", [4]],
      ["signup<2026-01-01T09:00:00Z", [1, 2]],
      ["signup>-200d", [1, 2, 4]],
      ["attr.status=gold", [5]],
      ["poll:1", [1, 2, 3]],
      ["poll:1=2", [1, 2]],
      ["poll:1=1", [2, 3]],
      ["poll:1=1 poll:1=2", [2]],
      ["-poll:1=2", [-7, 3, 4, 5]],
      ["poll:2=1", [4]],
      ["poll:2=2", []],
      ["poll:9", []],
      [
        "tag:vip country=Malaysia has:email lang:en status:active dead:no ref:a_spring joined>2026-01-01 messages>=10 -tag:test",
        [1],
      ],
      ["(tag:vip OR tag:test) -dead:yes lang:en", [1, 2]],
    ];
    for (const [text, expected] of cases) expect(select(text), text).toEqual(expected);
  });

  it("when a day is given, then it is the day in the segment's time zone", () => {
    expect(select("joined:2026-01-01", "UTC")).toEqual([5]);
    expect(select("joined:2026-01-01", "Asia/Kuala_Lumpur")).toEqual([2, 5]);
    expect(select("joined:2025-12-31", "Asia/Kuala_Lumpur")).toEqual([]);
    expect(select("joined>=2026-01-15T18:00", "Asia/Kuala_Lumpur")).toEqual([1, 4]);
    expect(select("joined:2026-01-01", "Not/A_Zone")).toEqual([5]);
  });

  it("when a value carries SQL, then it is bound as data and never becomes part of the statement", () => {
    const tree = treeOf(`country="x' OR 1=1 --" -city="a'b"`);
    expect(idsOf(tree)).toEqual([]);
    const query = database.db.select({ n: count() }).from(users).where(segmentCondition(tree, now)).toSQL();
    expect(query.sql).not.toContain("1=1");
    expect(query.params).toContain("x' OR 1=1 --");
  });

  it("when any combination of conditions is negated or joined, then the rows follow set algebra (no NULL gaps)", () => {
    const atoms = [
      "tag:vip",
      "has:email",
      "has:name",
      "lang:en",
      "status:active",
      "dead:yes",
      "ref:rannref",
      "ref:a_spring",
      "parent:1",
      "messages>=10",
      "sentiment<0",
      "joined>2026-01-01",
      "seen>-7d",
      "country=Malaysia",
      "age>30",
      "vip=true",
      "signup<2026-01-01",
      "country!=Malaysia",
      "id<0",
      "poll:1=2",
      "poll:1",
    ].map((text) => ({ text, ids: new Set(select(text)) }));
    type Built = { text: string; ids: Set<number> };
    const atom = fc.constantFrom(...atoms);
    const { built } = fc.letrec<{ built: Built }>((tie) => ({
      built: fc.oneof(
        { maxDepth: 4, depthIdentifier: "built" },
        atom,
        tie("built").map((b) => ({
          text: `-(${b.text})`,
          ids: new Set(everyone.filter((id) => !b.ids.has(id))),
        })),
        fc.tuple(tie("built"), tie("built")).map(([a, b]) => ({
          text: `(${a.text}) (${b.text})`,
          ids: new Set([...a.ids].filter((id) => b.ids.has(id))),
        })),
        fc.tuple(tie("built"), tie("built")).map(([a, b]) => ({
          text: `(${a.text}) OR (${b.text})`,
          ids: new Set([...a.ids, ...b.ids]),
        })),
      ),
    }));
    fc.assert(
      fc.property(built, ({ text, ids }) => {
        expect(select(text)).toEqual([...ids].sort((a, b) => a - b));
      }),
      { numRuns: 300 },
    );
  });
});

describe("segment query plans", () => {
  // The plans pinned are SQLite's: under the PostgreSQL run too they are read from SQLite.
  let plans: OpenDatabase;
  beforeAll(() => {
    plans = createDatabase(":memory:");
  });
  afterAll(() => plans.close());

  function planOf(text: string): string {
    const query = plans.db
      .select({ n: count() })
      .from(users)
      .where(segmentCondition(treeOf(text), now))
      .toSQL();
    return plans.sqlite
      .prepare(`EXPLAIN QUERY PLAN ${query.sql}`)
      .all(...query.params)
      .map((row) => (row as { detail: string }).detail)
      .join(" | ");
  }

  it("when a condition has an index, then the query plan searches it instead of scanning", () => {
    const cases: Array<[string, string[]]> = [
      ["tag:vip", ["user_tags_tag_idx", "INTEGER PRIMARY KEY"]],
      ["country=Malaysia", ["user_attributes_key_value_idx"]],
      ["lang:en", ["users_language_idx (language_code>? AND language_code<?)"]],
      ["status:active", ["users_status_idx (status=?)"]],
      ["joined>2026-01-01", ["users_registered_at_idx (registered_at>?)"]],
      ["ref:a_spring", ["users_campaign_idx (campaign_id=?)", "campaigns_code_unique (code=?)"]],
      ["ref:rannref", ["users_referrer_idx (referrer_id=?)", "users_referral_code_unique (referral_code=?)"]],
      ["parent:1", ["users_referrer_idx (referrer_id=?)"]],
      ["id:2", ["INTEGER PRIMARY KEY (rowid=?)"]],
      ["tag:vip lang:en dead:no", ["user_tags_tag_idx"]],
      ["tag:vip age>30", ["user_tags_tag_idx", "COVERING INDEX user_attributes_key_value_idx (key=?)"]],
    ];
    for (const [text, expected] of cases) {
      const plan = planOf(text);
      for (const part of expected) expect(plan, `${text}: ${plan}`).toContain(part);
      expect(plan, `${text}: ${plan}`).not.toMatch(/SCAN users/);
    }
  });

  it("when an attribute is compared beyond text equality, then one pass over that key's index rows finds the users", () => {
    for (const text of ["age>30", "has:country", "vip=true", "country!=Malaysia", "signup<2026-01-01"]) {
      const plan = planOf(text);
      expect(plan, `${text}: ${plan}`).toContain("LIST SUBQUERY");
      expect(plan, `${text}: ${plan}`).toContain("COVERING INDEX user_attributes_key_value_idx (key=?)");
      expect(plan, `${text}: ${plan}`).not.toContain("CORRELATED");
    }
  });
});

describe("SegmentRepository", () => {
  const repository = () =>
    new SegmentRepository(database.db, { now: () => now, timeZone: () => "Asia/Kuala_Lumpur" });

  it("when a segment is counted, then the count matches its rows, with days in the clock's time zone", () => {
    expect(repository().countSegment(treeOf(""))).toBe(6);
    expect(repository().countSegment(treeOf("tag:vip OR tag:test"))).toBe(3);
    expect(repository().countSegment(treeOf("joined:2026-01-01"))).toBe(2);
  });

  it("when pages are read after the last id seen, then every selected user comes once, in id order", () => {
    const tree = treeOf("-tag:beta");
    const seen: number[] = [];
    let afterId = Number.MIN_SAFE_INTEGER;
    for (;;) {
      const page = repository().pageOfSegment(tree, afterId, 2);
      if (page.length === 0) break;
      expect(page.length).toBeLessThanOrEqual(2);
      seen.push(...page.map((u) => u.id));
      afterId = page[page.length - 1]?.id as number;
    }
    expect(seen).toEqual([-7, 2, 3, 4, 5]);
    expect(
      repository()
        .pageOfSegment(tree, 3, 10)
        .map((u) => u.firstName),
    ).toEqual(["Dee", "Eve"]);
  });

  it("when ids are walked, then they come in batches of the given size until the segment is exhausted", () => {
    expect([...repository().idsOfSegment(treeOf("-tag:beta"), 2)]).toEqual([[-7, 2], [3, 4], [5]]);
    expect([...repository().idsOfSegment(treeOf("has:email"), 2)]).toEqual([[-7, 1]]);
    expect([...repository().idsOfSegment(treeOf("tag:nobody"), 2)]).toEqual([]);
  });
});

describe("mailing audience", () => {
  const recipients = (audience: MailingAudience) =>
    database.db
      .select({ id: users.id })
      .from(users)
      .where(audienceCondition(audience, now))
      .orderBy(users.id)
      .all()
      .map((row) => row.id);

  it("when the audience is a segment, then it selects active bot users in it, the dead only when it speaks of them", () => {
    expect(recipients({ includeDead: false, segment: "" })).toEqual([1, 2]);
    expect(recipients({ includeDead: true, segment: "" })).toEqual([1, 2, 5]);
    expect(recipients(segmentAudience(treeOf("tag:vip OR tag:test"), "UTC"))).toEqual([1, 2]);
    expect(recipients(segmentAudience(treeOf("dead:yes"), "UTC"))).toEqual([5]);
    expect(segmentAudience(treeOf("Tag:VIP  dead:no"), "Asia/Kuala_Lumpur")).toEqual({
      includeDead: true,
      segment: "tag:vip dead:no",
      timeZone: "Asia/Kuala_Lumpur",
    });
    expect(
      recipients({ includeDead: true, segment: "joined:2026-01-01", timeZone: "Asia/Kuala_Lumpur" }),
    ).toEqual([2, 5]);
  });

  it("when an imported contact without a Telegram id is active, then no mailing reaches it", () => {
    database.db.update(users).set({ status: "active" }).where(eq(users.id, -7)).run();
    try {
      expect(recipients({ includeDead: false, segment: "country=Malaysia" })).toEqual([1, 2]);
    } finally {
      database.db.update(users).set({ status: "pending" }).where(eq(users.id, -7)).run();
    }
  });

  it("when a mailing was stored with the typed filter of before, then it still selects the same users", () => {
    expect(recipients({ includeDead: false })).toEqual([1, 2]);
    expect(recipients({ includeDead: false, tags: ["vip", "test"] })).toEqual([1, 2]);
    expect(recipients({ includeDead: true, languages: ["eng"] })).toEqual([5]);
    expect(recipients({ includeDead: false, campaignId: 1 })).toEqual([1]);
    expect(recipients({ includeDead: false, referrerId: 1 })).toEqual([2]);
    expect(recipients({ includeDead: true, registeredAfter: "2026-01-01T00:00:00.000Z" })).toEqual([1, 5]);
    expect(recipients({ includeDead: true, registeredBefore: "2026-01-01T00:00:00.000Z" })).toEqual([2, 5]);
  });

  it("when a stored segment no longer parses, then selecting its recipients fails loudly", () => {
    expect(() => recipients({ includeDead: false, segment: "colour:blue" })).toThrow(/no longer parses/);
  });
});
