import { eq } from "drizzle-orm";
import type { Db } from "../../../db/client.js";
import { type CampaignRecord, campaigns } from "../../../db/schema/index.js";
import { randomCode } from "../../users/random-code.js";

/** Admin referral links (campaigns). */
export class CampaignRepository {
  constructor(private readonly db: Db) {}

  findByCode(code: string): CampaignRecord | undefined {
    return this.db.select().from(campaigns).where(eq(campaigns.code, code)).get();
  }

  find(id: number): CampaignRecord | undefined {
    return this.db.select().from(campaigns).where(eq(campaigns.id, id)).get();
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
}
