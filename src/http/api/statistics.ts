import { createRoute, z } from "@hono/zod-openapi";
import { type NewUserCounts, StatisticsRepository } from "../../features/statistics/statistics-repository.js";
import { displayName } from "../../features/users/display-name.js";
import type { ApiApp, HttpDeps } from "../app.js";
import { errorResponses } from "../errors.js";
import { bearerSecurity, count } from "../schemas.js";

const statsSchema = z
  .object({
    users: z.object({ total: count, active: count, dead: count, pending: count, banned: count }),
    new_users: z.object({ today: count, last_7_days: count, last_30_days: count }),
    top_referrers: z.array(
      z.object({
        id: z.number().int(),
        first_name: z.string().nullable(),
        last_name: z.string().nullable(),
        display_name: z
          .string()
          .meta({ description: "The name the bot shows: first and last name, or the Dear User" }),
        username: z.string().nullable(),
        referral_count: count,
      }),
    ),
    top_campaigns: z.array(
      z.object({ id: z.number().int(), name: z.string(), code: z.string(), users: count, active: count }),
    ),
    languages: z.array(
      z.object({ kind: z.enum(["language", "other", "unknown"]), code: z.string().optional(), users: count }),
    ),
  })
  .meta({ id: "Stats" });

const getStats = createRoute({
  method: "get",
  path: "/stats",
  tags: ["Stats"],
  summary: "The figures of the admin Statistics page",
  security: bearerSecurity,
  responses: {
    200: {
      description: "Users by status, new users, top referrers and campaigns, languages",
      content: { "application/json": { schema: statsSchema } },
    },
    ...errorResponses(401),
  },
});

function newUsersJson(counts: NewUserCounts) {
  return { today: counts.today, last_7_days: counts.last7Days, last_30_days: counts.last30Days };
}

export function registerStatisticsRoutes(api: ApiApp, { services }: HttpDeps): void {
  const statistics = new StatisticsRepository(services.db);
  api.openapi(getStats, (c) =>
    c.json(
      {
        users: statistics.userCounts(),
        new_users: newUsersJson(statistics.newUsers(services.now())),
        top_referrers: statistics.topReferrers(10).map((r) => ({
          id: r.id,
          first_name: r.firstName,
          last_name: r.lastName,
          display_name: displayName(r, services.settings.get("general").dearUserName),
          username: r.username,
          referral_count: r.referralCount,
        })),
        top_campaigns: statistics.topCampaigns(10),
        languages: statistics.usersByLanguage(),
      },
      200,
    ),
  );
}
