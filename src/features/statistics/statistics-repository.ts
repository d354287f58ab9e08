import { and, asc, count, desc, eq, gt, gte, inArray, sql } from "drizzle-orm";
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

const dayMs = 86_400_000;

/** Midnight UTC of the day `now` falls on. */
export function startOfUtcDay(now: Date): Date {
  return new Date(Math.floor(now.getTime() / dayMs) * dayMs);
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
