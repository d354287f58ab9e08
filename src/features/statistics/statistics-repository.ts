import { and, asc, count, desc, eq, gt, gte, inArray, isNotNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { campaigns, deliveries, mailings, users } from "../../db/schema/index.js";
import type { NamedPerson } from "../users/display-name.js";

/** Everyone the bot has met, by status; `dead` counts the active ones who cannot be reached. */
export interface UserCounts {
  total: number;
  active: number;
  dead: number;
  pending: number;
  banned: number;
}

/** Bot users registered since the start of today, of the last 7 and of the last 30 days (UTC, today included). */
export interface NewUserCounts {
  today: number;
  last7Days: number;
  last30Days: number;
}

export interface TopReferrer extends NamedPerson {
  referralCount: number;
}

export interface CampaignFigures {
  id: number;
  name: string;
  code: string;
  users: number;
  active: number;
}

/** One line of the language breakdown: a language code, everything past the top ones, or no code at all. */
export type LanguageShare =
  | { kind: "language"; code: string; users: number }
  | { kind: "other" | "unknown"; users: number };

/** Bot users registered on one UTC day (midnight of it). */
export interface DailyNewUsers {
  day: Date;
  users: number;
}

/** Active bot users alive and dead at the end of one UTC day (today: now), as their rows tell today. */
export interface DailyLiveness {
  day: Date;
  alive: number;
  dead: number;
}

/** Active bot users by where they came from: a campaign link (admin referral), another user's link, or neither. */
export interface UserSources {
  campaign: number;
  userReferral: number;
  direct: number;
}

const dayMs = 86_400_000;
/** The days of the charts: today and the 29 before it, as the 30-day figure counts them. */
const chartDays = 30;
/** A timestamp column's UTC day number, the same integer division on SQLite and PostgreSQL. */
const dayOf = (column: unknown) => sql<number>`(${column}) / ${sql.raw(String(dayMs))}`;

/** Midnight UTC of the day `now` falls on. */
export function startOfUtcDay(now: Date): Date {
  return new Date(Math.floor(now.getTime() / dayMs) * dayMs);
}

/** The day numbers of the chart window ending on day `today`, oldest first. */
function lastDays(today: number): number[] {
  return Array.from({ length: chartDays }, (_, i) => today - chartDays + 1 + i);
}

/** Keeps the `top` largest languages (ties by code) and folds the rest into "other"; null codes are "unknown". */
export function groupLanguages(
  rows: ReadonlyArray<{ code: string | null; users: number }>,
  top: number,
): LanguageShare[] {
  const known = rows
    .filter((r): r is { code: string; users: number } => r.code !== null && r.code !== "")
    .sort((a, b) => b.users - a.users || a.code.localeCompare(b.code));
  const shares: LanguageShare[] = known.slice(0, top).map((r) => ({ kind: "language", ...r }));
  const other = known.slice(top).reduce((sum, r) => sum + r.users, 0);
  const unknown = rows.filter((r) => r.code === null || r.code === "").reduce((sum, r) => sum + r.users, 0);
  if (other > 0) shares.push({ kind: "other", users: other });
  if (unknown > 0) shares.push({ kind: "unknown", users: unknown });
  return shares;
}

/** Read-only figures for the admin statistics page and the metrics; each verb is one query shaped to use an index. */
export class StatisticsRepository {
  constructor(private readonly db: Db) {}

  /** Counts per status (users_status_idx), dead ones among the active. */
  userCounts(): UserCounts {
    const rows = this.db
      .select({ status: users.status, users: count(), dead: count(users.deadAt) })
      .from(users)
      .groupBy(users.status)
      .all();
    const of = (status: string) => rows.find((r) => r.status === status);
    return {
      total: rows.reduce((sum, r) => sum + r.users, 0),
      active: of("active")?.users ?? 0,
      dead: of("active")?.dead ?? 0,
      pending: of("pending")?.users ?? 0,
      banned: of("banned")?.users ?? 0,
    };
  }

  /** Registrations by day windows ending `now` (a range over users_registered_at_idx). */
  newUsers(now: Date): NewUserCounts {
    const today = startOfUtcDay(now).getTime();
    const since7 = today - 6 * dayMs;
    const since30 = today - 29 * dayMs;
    const row = this.db
      .select({
        today: sql<number>`count(*) filter (where ${users.registeredAt} >= ${today})`,
        last7Days: sql<number>`count(*) filter (where ${users.registeredAt} >= ${since7})`,
        last30Days: count(),
      })
      .from(users)
      .where(gte(users.registeredAt, new Date(since30)))
      .get();
    return { today: row?.today ?? 0, last7Days: row?.last7Days ?? 0, last30Days: row?.last30Days ?? 0 };
  }

  /** Registrations per UTC day over the last 30 days, oldest first, days without any included as 0. */
  newUsersByDay(now: Date): DailyNewUsers[] {
    const today = startOfUtcDay(now).getTime() / dayMs;
    const day = dayOf(users.registeredAt);
    const rows = this.db
      .select({ day, users: count() })
      .from(users)
      .where(gte(users.registeredAt, new Date((today - chartDays + 1) * dayMs)))
      .groupBy(day)
      .all();
    const byDay = new Map(rows.map((r) => [Number(r.day), r.users]));
    return lastDays(today).map((d) => ({ day: new Date(d * dayMs), users: byDay.get(d) ?? 0 }));
  }

  /**
   * Active users alive and dead at the end of each of the last 30 UTC days: arrivals (registration,
   * else first sight) and deaths per day over all history, summed up to each day. A revived user's
   * death is gone from their row, so the past shows them alive; today's point is `userCounts()`'s.
   */
  livenessByDay(now: Date): DailyLiveness[] {
    const arrival = dayOf(sql`coalesce(${users.registeredAt}, ${users.firstSeenAt})`);
    const death = dayOf(users.deadAt);
    const arrivals = this.db
      .select({ day: arrival, users: count() })
      .from(users)
      .where(eq(users.status, "active"))
      .groupBy(arrival)
      .all();
    const deaths = this.db
      .select({ day: death, users: count() })
      .from(users)
      .where(and(eq(users.status, "active"), isNotNull(users.deadAt)))
      .groupBy(death)
      .all();
    const upTo = (rows: Array<{ day: number; users: number }>, d: number) =>
      rows.reduce((sum, r) => (Number(r.day) <= d ? sum + r.users : sum), 0);
    return lastDays(startOfUtcDay(now).getTime() / dayMs).map((d) => {
      const dead = upTo(deaths, d);
      return { day: new Date(d * dayMs), alive: upTo(arrivals, d) - dead, dead };
    });
  }

  /** Active users by source; a campaign counts before a referrer, as the gate records only one. */
  usersBySource(): UserSources {
    const source = sql<string>`case when ${users.campaignId} is not null then 'campaign' when ${users.referrerId} is not null then 'userReferral' else 'direct' end`;
    const rows = this.db
      .select({ source, users: count() })
      .from(users)
      .where(eq(users.status, "active"))
      .groupBy(source)
      .all();
    const of = (name: keyof UserSources) => rows.find((r) => r.source === name)?.users ?? 0;
    return { campaign: of("campaign"), userReferral: of("userReferral"), direct: of("direct") };
  }

  /** The users who brought the most bot users, by their referral count. */
  topReferrers(limit = 5): TopReferrer[] {
    return this.db
      .select({
        id: users.id,
        firstName: users.firstName,
        lastName: users.lastName,
        username: users.username,
        referralCount: users.referralCount,
      })
      .from(users)
      .where(gt(users.referralCount, 0))
      .orderBy(desc(users.referralCount), asc(users.id))
      .limit(limit)
      .all();
  }

  /** Campaigns with the most users (each one an index lookup on users_campaign_idx), with how many are active. */
  topCampaigns(limit = 5): CampaignFigures[] {
    const usersOf = count(users.id);
    return this.db
      .select({
        id: campaigns.id,
        name: campaigns.name,
        code: campaigns.code,
        users: usersOf,
        active: sql<number>`count(*) filter (where ${users.status} = 'active')`,
      })
      .from(campaigns)
      .leftJoin(users, eq(users.campaignId, campaigns.id))
      .groupBy(campaigns.id)
      .orderBy(desc(usersOf), asc(campaigns.id))
      .limit(limit)
      .all();
  }

  /** Bot users (status active) by Telegram language code: the `top` largest, then "other" and "unknown". */
  usersByLanguage(top = 8): LanguageShare[] {
    const code = sql<string | null>`lower(${users.languageCode})`;
    const rows = this.db
      .select({ code, users: count() })
      .from(users)
      .where(eq(users.status, "active"))
      .groupBy(code)
      .all();
    return groupLanguages(rows, top);
  }

  /** Pending deliveries of mailings that will still send (queued, running, paused), by mailing kind. */
  mailingQueueDepth(): Partial<Record<string, number>> {
    const rows = this.db
      .select({ kind: mailings.kind, n: count() })
      .from(deliveries)
      .innerJoin(mailings, eq(mailings.id, deliveries.mailingId))
      .where(and(inArray(mailings.status, ["queued", "running", "paused"]), eq(deliveries.state, "pending")))
      .groupBy(mailings.kind)
      .all();
    return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
  }

  /** Mailings per `kind:status` (mailings_status_idx). */
  mailingsByStatus(): Partial<Record<string, number>> {
    const rows = this.db
      .select({ kind: mailings.kind, status: mailings.status, n: count() })
      .from(mailings)
      .groupBy(mailings.kind, mailings.status)
      .all();
    return Object.fromEntries(rows.map((r) => [`${r.kind}:${r.status}`, r.n]));
  }
}
