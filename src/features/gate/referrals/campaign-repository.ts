import { and, count, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../../../db/client.js";
import { type CampaignRecord, campaigns, users } from "../../../db/schema/index.js";
import { randomCode } from "../../users/random-code.js";

/** The stored records this feature hands to menus and routes. */
export type { CampaignRecord } from "../../../db/schema/index.js";

/** A campaign with the number of users who came through its link. */
export type CampaignListItem = CampaignRecord & { users: number };

/** A campaign with its users and its active ones (bot users who have not blocked the bot). */
export type CampaignWithAudience = CampaignRecord & CampaignAudience;

/** Users who came through a campaign link, and how many of them are bot users who have not blocked the bot. */
export interface CampaignAudience {
  users: number;
  active: number;
}

/** The gate's lookups, compiled once per repository. */
function prepareStatements(db: Db) {
  return {
    findByCode: db
      .select()
      .from(campaigns)
      .where(eq(campaigns.code, sql.placeholder("code")))
      .prepare(),
    find: db
      .select()
      .from(campaigns)
      .where(eq(campaigns.id, sql.placeholder("id")))
      .prepare(),
  };
}

/** Admin referral links (campaigns). */
/** A campaign's own columns, as the listings select them beside their counts. */
const campaignColumns = {
  id: campaigns.id,
  code: campaigns.code,
  name: campaigns.name,
  createdBy: campaigns.createdBy,
  createdAt: campaigns.createdAt,
};

export class CampaignRepository {
  private readonly statements: ReturnType<typeof prepareStatements>;

  constructor(private readonly db: Db) {
    this.statements = prepareStatements(db);
  }

  findByCode(code: string): CampaignRecord | undefined {
    return this.statements.findByCode.get({ code });
  }

  find(id: number): CampaignRecord | undefined {
    return this.statements.find.get({ id });
  }

  create(input: { name: string; code?: string; createdBy: number | null }, now: Date): CampaignRecord {
    return this.db
      .insert(campaigns)
      .values({
        name: input.name,
        code: input.code ?? randomCode(8),
        createdBy: input.createdBy,
        createdAt: now,
      })
      .returning()
      .get();
  }

  count(): number {
    return this.db.select({ n: count() }).from(campaigns).get()?.n ?? 0;
  }

  /** One page of campaigns, newest first, each with its user count. */
  listNewestFirst(page: { offset: number; limit: number }): CampaignListItem[] {
    const audience = this.db
      .select({ campaignId: users.campaignId, n: count().as("n") })
      .from(users)
      .groupBy(users.campaignId)
      .as("audience");
    return this.db
      .select({
        ...campaignColumns,
        users: sql<number>`coalesce(${audience.n}, 0)`,
      })
      .from(campaigns)
      .leftJoin(audience, eq(audience.campaignId, campaigns.id))
      .orderBy(desc(campaigns.id))
      .limit(page.limit)
      .offset(page.offset)
      .all();
  }

  /** One page of campaigns, newest first, each with its users and active users (as `audience` counts them). */
  listWithAudience(page: { offset: number; limit: number }): CampaignWithAudience[] {
    return this.db
      .select({
        ...campaignColumns,
        users: count(users.id),
        active: sql<number>`coalesce(sum(case when ${and(eq(users.status, "active"), isNull(users.deadAt))} then 1 else 0 end), 0)`,
      })
      .from(campaigns)
      .leftJoin(users, eq(users.campaignId, campaigns.id))
      .groupBy(campaigns.id)
      .orderBy(desc(campaigns.id))
      .limit(page.limit)
      .offset(page.offset)
      .all();
  }

  /** Renames a campaign; returns it after the change, or undefined when there is none with this id. */
  rename(id: number, name: string): CampaignRecord | undefined {
    return this.db.update(campaigns).set({ name }).where(eq(campaigns.id, id)).returning().get();
  }

  audience(id: number): CampaignAudience {
    const row = this.db
      .select({
        users: count(),
        active: sql<number>`coalesce(sum(case when ${and(eq(users.status, "active"), isNull(users.deadAt))} then 1 else 0 end), 0)`,
      })
      .from(users)
      .where(eq(users.campaignId, id))
      .get();
    return { users: row?.users ?? 0, active: row?.active ?? 0 };
  }

  /** Deletes a campaign; its users stay and lose the link to it (the foreign key sets it to null). */
  delete(id: number): CampaignRecord | undefined {
    return this.db.delete(campaigns).where(eq(campaigns.id, id)).returning().get();
  }
}
