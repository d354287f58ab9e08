import { createRoute, z } from "@hono/zod-openapi";
import type { CampaignAudience, CampaignRecord } from "../../features/gate/referrals/campaign-repository.js";
import {
  campaignCodePattern,
  createCampaign,
  deleteCampaign,
  normalizeCampaignName,
  renameCampaign,
} from "../../features/gate/referrals/referral-commands.js";
import { startLink } from "../../features/gate/start-payload.js";
import { actorOf } from "../actor.js";
import type { ApiApp, HttpDeps } from "../app.js";
import { botIdentity } from "../bot-identity.js";
import { errorResponses, notFound } from "../errors.js";
import { bearerSecurity, count, jsonBody, jsonResponse } from "../schemas.js";

// --- schemas

const campaignSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    code: z.string(),
    link: z.string().meta({ example: "https://t.me/usher_bot?start=aK7pQx2Ma" }),
    users: count.meta({ description: "Users who came through the link" }),
    active: count.meta({ description: "Of them, bot users who have not blocked the bot" }),
    created_at: z.string().meta({ format: "date-time" }),
  })
  .meta({ id: "Campaign" });

const campaignListSchema = z
  .object({ campaigns: z.array(campaignSchema), total: count })
  .meta({ id: "CampaignList" });

const nameField = z
  .string()
  .refine((name) => normalizeCampaignName(name).ok, { message: "1 to 64 characters, not blank" })
  .meta({ description: "Trimmed, runs of white space made one space", example: "Instagram spring ads" });

const newCampaignBody = z
  .object({
    name: nameField,
    code: z
      .string()
      .regex(campaignCodePattern, { message: "1 to 63 characters of A-Z, a-z, 0-9, _ and -" })
      .optional()
      .meta({ description: "The link's code (after `?start=a`); absent: a random one" }),
  })
  .strict()
  .meta({ id: "NewCampaign" });

const campaignPatchBody = z.object({ name: nameField }).strict().meta({ id: "CampaignPatch" });

const idParams = z.object({
  id: z.coerce.number().int().positive().meta({ description: "The campaign id", example: 3 }),
});

const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

// --- routes

const tags = ["Campaigns"];

const listRoute = createRoute({
  method: "get",
  path: "/campaigns",
  tags,
  summary: "Campaign links (admin referrals), newest first, with their users",
  security: bearerSecurity,
  request: { query: listQuery },
  responses: {
    200: jsonResponse(campaignListSchema, "One page and the total"),
    ...errorResponses(400, 401, 503),
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/campaigns/{id}",
  tags,
  summary: "One campaign link",
  security: bearerSecurity,
  request: { params: idParams },
  responses: { 200: jsonResponse(campaignSchema, "The campaign"), ...errorResponses(400, 401, 404, 503) },
});

const createRouteDef = createRoute({
  method: "post",
  path: "/campaigns",
  tags,
  summary: "Create a campaign link (audited as `api`)",
  security: bearerSecurity,
  request: { body: jsonBody(newCampaignBody) },
  responses: {
    201: jsonResponse(campaignSchema, "The campaign and its link"),
    ...errorResponses(400, 401, 409, 413, 415, 503),
  },
});

const patchRoute = createRoute({
  method: "patch",
  path: "/campaigns/{id}",
  tags,
  summary: "Rename a campaign; its link stays (audited as `api`)",
  security: bearerSecurity,
  request: { params: idParams, body: jsonBody(campaignPatchBody) },
  responses: {
    200: jsonResponse(campaignSchema, "The campaign after the change"),
    ...errorResponses(400, 401, 404, 413, 415, 503),
  },
});

const deleteRoute = createRoute({
  method: "delete",
  path: "/campaigns/{id}",
  tags,
  summary:
    "Delete a campaign: its link stops counting; its users stay bot users, no longer tied to it (audited as `api`)",
  security: bearerSecurity,
  request: { params: idParams },
  responses: { 204: { description: "Deleted" }, ...errorResponses(400, 401, 404) },
});

// --- mapping

function toCampaignJson(
  campaign: CampaignRecord & CampaignAudience,
  botUsername: string,
): z.infer<typeof campaignSchema> {
  return {
    id: campaign.id,
    name: campaign.name,
    code: campaign.code,
    link: startLink(botUsername, `a${campaign.code}`),
    users: campaign.users,
    active: campaign.active,
    created_at: campaign.createdAt.toISOString(),
  };
}

export function registerReferralRoutes(api: ApiApp, deps: HttpDeps): void {
  const { services } = deps;
  // The bot's username is asked first, so a change is never made and then answered with an error.
  const render = (campaign: CampaignRecord, botUsername: string) =>
    toCampaignJson({ ...campaign, ...services.campaigns.audience(campaign.id) }, botUsername);

  api.openapi(listRoute, async (c) => {
    const page = c.req.valid("query");
    const { username } = await botIdentity(deps);
    return c.json(
      {
        campaigns: services.campaigns.listWithAudience(page).map((row) => toCampaignJson(row, username)),
        total: services.campaigns.count(),
      },
      200,
    );
  });

  api.openapi(getRoute, async (c) => {
    const { id } = c.req.valid("param");
    const campaign = services.campaigns.find(id);
    if (!campaign) throw notFound(`Campaign ${id}`);
    return c.json(render(campaign, (await botIdentity(deps)).username), 200);
  });

  api.openapi(createRouteDef, async (c) => {
    const input = c.req.valid("json");
    const { username } = await botIdentity(deps);
    const created = createCampaign(services, actorOf(c), {
      name: input.name,
      ...(input.code !== undefined && { code: input.code }),
    });
    return c.json(render(created, username), 201);
  });

  api.openapi(patchRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { name } = c.req.valid("json");
    const { username } = await botIdentity(deps);
    const renamed = renameCampaign(services, actorOf(c), { id, name });
    if (!renamed) throw notFound(`Campaign ${id}`);
    return c.json(render(renamed, username), 200);
  });

  api.openapi(deleteRoute, (c) => {
    const { id } = c.req.valid("param");
    if (!deleteCampaign(services, actorOf(c), id)) throw notFound(`Campaign ${id}`);
    return c.body(null, 204);
  });
}
