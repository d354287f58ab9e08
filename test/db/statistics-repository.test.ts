import { drizzle } from "drizzle-orm/better-sqlite3";
import { describe, expect, it } from "vitest";
import { createDatabase } from "../../src/db/client.js";
import * as schema from "../../src/db/schema/index.js";
import { campaigns } from "../../src/db/schema/index.js";
import {
  groupLanguages,
  StatisticsRepository,
  startOfUtcDay,
} from "../../src/features/statistics/statistics-repository.js";
import { createTestDatabase } from "../support/test-database.js";
import { insertUser, type UserSeed } from "../support/user-factory.js";

const now = new Date("2026-06-15T09:30:00Z");
const day = 86_400_000;
const at = (iso: string) => new Date(iso);

function fresh() {
  const { db, sqlite } = createTestDatabase();
  const seed = (...rows: UserSeed[]) => {
    for (const row of rows) insertUser(db, row, now);
  };
  const campaign = (id: number, name: string) =>
    db
      .insert(campaigns)
      .values({ id, name, code: `c${id}`, createdAt: now })
      .run();
  return { db, sqlite, seed, campaign, stats: new StatisticsRepository(db) };
}

describe("StatisticsRepository", () => {
  it("when the database is empty, then every figure is zero or empty", () => {
    const { stats } = fresh();
    expect(stats.userCounts()).toEqual({ total: 0, active: 0, dead: 0, pending: 0, banned: 0 });
    expect(stats.newUsers(now)).toEqual({ today: 0, last7Days: 0, last30Days: 0 });
    expect(stats.topReferrers()).toEqual([]);
    expect(stats.topCampaigns()).toEqual([]);
    expect(stats.usersByLanguage()).toEqual([]);
  });

  it("when users have every status, then totals, active, dead among active, pending and banned are counted", () => {
    const { seed, stats } = fresh();
    seed(
      { id: 1, status: "active" },
      { id: 2, status: "active", deadAt: now },
      { id: 3, status: "active", deadAt: now },
      { id: 4, status: "active" },
      { id: 5, status: "pending" },
      { id: 6, status: "pending", deadAt: now }, // dead but not a bot user: not counted as dead
      { id: 7, status: "banned", deadAt: now },
    );
    expect(stats.userCounts()).toEqual({ total: 7, active: 4, dead: 2, pending: 2, banned: 1 });
  });

  it("when users registered at various times, then today, 7 and 30 days count UTC days including today", () => {
    const { seed, stats } = fresh();
    seed(
      { id: 1, status: "active", registeredAt: at("2026-06-15T00:00:00Z") }, // today, first instant
      { id: 2, status: "active", registeredAt: at("2026-06-15T09:29:00Z") }, // today
      { id: 3, status: "active", registeredAt: at("2026-06-14T23:59:59Z") }, // yesterday
      { id: 4, status: "banned", registeredAt: at("2026-06-09T00:00:00Z") }, // 7th day back
      { id: 5, status: "active", registeredAt: at("2026-06-08T23:59:59Z") }, // 8th day back
      { id: 6, status: "active", registeredAt: at("2026-05-17T00:00:00Z") }, // 30th day back
      { id: 7, status: "active", registeredAt: at("2026-05-16T23:59:59Z") }, // 31st day back
      { id: 8, status: "pending" }, // never registered
    );
    expect(stats.newUsers(now)).toEqual({ today: 2, last7Days: 4, last30Days: 6 });
  });

  it("when people referred others, then the top five by referral count come first, ties by id", () => {
    const { seed, stats } = fresh();
    seed(
      { id: 1, firstName: "One", referralCount: 3 },
      { id: 2, firstName: "Two", lastName: "Last", username: "two", referralCount: 9 },
      { id: 3, firstName: "Three", referralCount: 3 },
      { id: 4, firstName: "Four", referralCount: 1 },
      { id: 5, firstName: "Five", referralCount: 5 },
      { id: 6, firstName: "Six", referralCount: 2 },
      { id: 7, firstName: "Seven", referralCount: 0 },
    );
    const top = stats.topReferrers();
    expect(top.map((r) => [r.id, r.referralCount])).toEqual([
      [2, 9],
      [5, 5],
      [1, 3],
      [3, 3],
      [6, 2],
    ]);
    expect(top[0]).toMatchObject({ firstName: "Two", lastName: "Last", username: "two" });
  });

  it("when campaigns brought users, then the top five by users are listed with their active users", () => {
    const { seed, campaign, stats } = fresh();
    for (const [id, name] of [
      [1, "Alpha"],
      [2, "Beta"],
      [3, "Gamma"],
      [4, "Delta"],
      [5, "Epsilon"],
      [6, "Zeta"],
    ] as const)
      campaign(id, name);
    seed(
      { id: 10, campaignId: 2, status: "active" },
      { id: 11, campaignId: 2, status: "active", deadAt: now },
      { id: 12, campaignId: 2, status: "banned" },
      { id: 13, campaignId: 1, status: "active" },
      { id: 14, campaignId: 3, status: "pending" },
      { id: 15, campaignId: 3, status: "active" },
      { id: 16, status: "active" }, // no campaign
    );
    expect(stats.topCampaigns()).toEqual([
      { id: 2, name: "Beta", code: "c2", users: 3, active: 2 },
      { id: 3, name: "Gamma", code: "c3", users: 2, active: 1 },
      { id: 1, name: "Alpha", code: "c1", users: 1, active: 1 },
      { id: 4, name: "Delta", code: "c4", users: 0, active: 0 },
      { id: 5, name: "Epsilon", code: "c5", users: 0, active: 0 },
    ]);
  });

  it("when bot users speak many languages, then the top eight are listed, then other and unknown", () => {
    const { seed, stats } = fresh();
    const codes = ["en", "en", "en", "ru", "ru", "de", "fr", "es", "it", "pt", "uk", "pl", "tr"];
    seed(
      ...codes.map((languageCode, i) => ({ id: i + 1, status: "active" as const, languageCode })),
      { id: 100, status: "active", languageCode: "EN" }, // same language, other case
      { id: 101, status: "active" },
      { id: 102, status: "active" },
      { id: 103, status: "pending", languageCode: "ja" }, // not a bot user
    );
    expect(stats.usersByLanguage()).toEqual([
      { kind: "language", code: "en", users: 4 },
      { kind: "language", code: "ru", users: 2 },
      { kind: "language", code: "de", users: 1 },
      { kind: "language", code: "es", users: 1 },
      { kind: "language", code: "fr", users: 1 },
      { kind: "language", code: "it", users: 1 },
      { kind: "language", code: "pl", users: 1 },
      { kind: "language", code: "pt", users: 1 },
      { kind: "other", users: 2 },
      { kind: "unknown", users: 2 },
    ]);
  });

  it("when users registered over six weeks, then the chart's 30 UTC days count each day, 0 on empty ones, and add up to the 30-day figure", () => {
    const { seed, stats } = fresh();
    seed(
      { id: 1, status: "active", registeredAt: at("2026-06-15T00:00:00Z") }, // today
      { id: 2, status: "banned", registeredAt: at("2026-06-15T09:00:00Z") }, // today, banned since: still arrived
      { id: 3, status: "active", registeredAt: at("2026-06-14T23:59:59Z") }, // yesterday
      { id: 4, status: "active", registeredAt: at("2026-05-17T00:00:00Z") }, // the window's first day
      { id: 5, status: "active", registeredAt: at("2026-05-16T23:59:59Z") }, // just before it
      { id: 6, status: "pending" }, // never registered
    );
    const days = stats.newUsersByDay(now);
    expect(days).toHaveLength(30);
    expect(days[0]).toEqual({ day: at("2026-05-17T00:00:00Z"), users: 1 });
    expect(days.at(-2)).toEqual({ day: at("2026-06-14T00:00:00Z"), users: 1 });
    expect(days.at(-1)).toEqual({ day: at("2026-06-15T00:00:00Z"), users: 2 });
    expect(days.filter((d) => d.users === 0)).toHaveLength(27);
    expect(days.reduce((sum, d) => sum + d.users, 0)).toBe(stats.newUsers(now).last30Days);
  });

  it("when active users arrived and died over time, then each day's end counts them alive or dead, and today's are the status figures", () => {
    const { seed, stats } = fresh();
    seed(
      { id: 1, status: "active", registeredAt: at("2026-01-01T10:00:00Z") }, // long before the window
      {
        id: 2,
        status: "active",
        registeredAt: at("2026-06-01T10:00:00Z"),
        deadAt: at("2026-06-10T05:00:00Z"),
      },
      { id: 3, status: "active", registeredAt: null, firstSeenAt: at("2026-06-05T10:00:00Z") }, // an admin: first sight
      {
        id: 4,
        status: "active",
        registeredAt: at("2026-03-01T10:00:00Z"),
        deadAt: at("2026-04-01T10:00:00Z"),
      },
      { id: 5, status: "banned", registeredAt: at("2026-06-02T10:00:00Z") }, // not a bot user
      { id: 6, status: "pending", deadAt: at("2026-06-03T10:00:00Z") },
    );
    const days = stats.livenessByDay(now);
    const on = (iso: string) => days.find((d) => d.day.getTime() === at(iso).getTime());
    expect(days).toHaveLength(30);
    expect(days[0]).toEqual({ day: at("2026-05-17T00:00:00Z"), alive: 1, dead: 1 });
    expect(on("2026-05-31T00:00:00Z")).toMatchObject({ alive: 1, dead: 1 });
    expect(on("2026-06-01T00:00:00Z")).toMatchObject({ alive: 2, dead: 1 });
    expect(on("2026-06-05T00:00:00Z")).toMatchObject({ alive: 3, dead: 1 });
    expect(on("2026-06-09T00:00:00Z")).toMatchObject({ alive: 3, dead: 1 });
    expect(on("2026-06-10T00:00:00Z")).toMatchObject({ alive: 2, dead: 2 });
    const counts = stats.userCounts();
    expect(days.at(-1)).toEqual({
      day: at("2026-06-15T00:00:00Z"),
      alive: counts.active - counts.dead,
      dead: counts.dead,
    });
  });

  it("when active users came by a campaign link, another user's link or neither, then each source counts them and they add up to the active users", () => {
    const { seed, campaign, stats } = fresh();
    campaign(1, "Ads");
    seed(
      { id: 1, status: "active" },
      { id: 2, status: "active", referrerId: 1 },
      { id: 3, status: "active", referrerId: 1 },
      { id: 4, status: "active", campaignId: 1 },
      { id: 5, status: "active" },
      { id: 6, status: "active" },
      { id: 7, status: "pending", campaignId: 1 },
      { id: 8, status: "banned", referrerId: 1 },
    );
    const sources = stats.usersBySource();
    expect(sources).toEqual({ campaign: 1, userReferral: 2, direct: 3 });
    expect(sources.campaign + sources.userReferral + sources.direct).toBe(stats.userCounts().active);
  });

  it("when the figures are queried, then SQLite answers them through the users indexes", () => {
    // The plans pinned are SQLite's: under the PostgreSQL run too they are read from SQLite.
    const { sqlite } = createDatabase(":memory:");
    const queries: Array<{ query: string; params: unknown[] }> = [];
    const logged = drizzle(sqlite, {
      schema,
      logger: { logQuery: (query, params) => queries.push({ query, params }) },
    });
    const stats = new StatisticsRepository(logged);
    const planOf = (run: () => unknown) => {
      queries.length = 0;
      run();
      return queries
        .flatMap(({ query, params }) => sqlite.prepare(`EXPLAIN QUERY PLAN ${query}`).all(...params))
        .map((row) => (row as { detail: string }).detail)
        .join("; ");
    };
    expect(planOf(() => stats.userCounts())).toMatch(/users_status_idx/);
    expect(planOf(() => stats.newUsers(now))).toMatch(/users_registered_at_idx/);
    expect(planOf(() => stats.topCampaigns())).toMatch(/users_campaign_idx/);
    expect(planOf(() => stats.usersByLanguage())).toMatch(/users_status_idx/);
  });
});

describe("statistics helpers", () => {
  it("when a time is given, then the start of its UTC day is midnight UTC", () => {
    expect(startOfUtcDay(now).toISOString()).toBe("2026-06-15T00:00:00.000Z");
    expect(startOfUtcDay(new Date(now.getTime() - 10 * day)).toISOString()).toBe("2026-06-05T00:00:00.000Z");
  });

  it("when there are few languages, then there is no other line; empty codes count as unknown", () => {
    expect(
      groupLanguages(
        [
          { code: "en", users: 2 },
          { code: "", users: 1 },
          { code: null, users: 1 },
        ],
        8,
      ),
    ).toEqual([
      { kind: "language", code: "en", users: 2 },
      { kind: "unknown", users: 2 },
    ]);
  });
});
