import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { browserChartSpecs } from "../../features/charts/browser-chart.js";
import { mailingChartSpec } from "../../features/charts/mailing-chart.js";
import { statisticsChartSpec } from "../../features/charts/statistics-chart.js";
import { statisticsChartFigures } from "../../features/charts/statistics-figures.js";
import { localeOfUser } from "../../features/language/language.js";
import { inLocale } from "../../texts/locale-scope.js";
import { type Locale, localeOf, locales } from "../../texts/translations.js";
import { type ApiEnv, actorOf } from "../actor.js";
import type { ApiApp, HttpDeps } from "../app.js";
import { ApiError, errorResponses, notFound } from "../errors.js";
import { bearerSecurity, jsonResponse } from "../schemas.js";

const chartSchema = z
  .object({
    charts: z.array(z.record(z.string(), z.unknown())).meta({
      description:
        "Vega 5 specs with their data inlined, one per chart of the picture the bot sends (compiled from its Vega-Lite), with hover tooltips and legends that pick a series",
    }),
  })
  .meta({ id: "Chart" });

const langQuery = z.object({
  lang: z.enum(locales).optional().meta({
    description:
      "The language of titles and labels; by default the admin's of a Mini App session, else English",
  }),
});

const statisticsChartRoute = createRoute({
  method: "get",
  path: "/stats/charts",
  tags: ["Stats"],
  summary: "The charts of the Statistics page: new users per day, alive and dead, sources, languages",
  security: bearerSecurity,
  request: { query: langQuery },
  responses: { 200: jsonResponse(chartSchema, "The four charts in one column"), ...errorResponses(400, 401) },
});

const mailingChartRoute = createRoute({
  method: "get",
  path: "/mailings/{id}/chart",
  tags: ["Mailings"],
  summary: "A mailing's deliveries over time by outcome, the chart of its report",
  security: bearerSecurity,
  request: {
    params: z.object({
      id: z.coerce.number().int().positive().meta({ description: "The mailing id", example: 7 }),
    }),
    query: langQuery,
  },
  responses: {
    200: jsonResponse(chartSchema, "Stacked bars per time step, on the clock of the mailing time zone"),
    ...errorResponses(400, 401, 404, 422),
  },
});

/** GET /stats/charts and GET /mailings/{id}/chart: the bot's charts as Vega specs, for a browser to draw. */
export function registerChartRoutes(api: ApiApp, { services }: HttpDeps): void {
  const localeFor = (c: Context<ApiEnv>, lang: Locale | undefined): Locale => {
    if (lang) return lang;
    const actor = actorOf(c);
    return actor.kind === "admin" ? localeOfUser(services.users.find(actor.id)) : localeOf(undefined);
  };

  api.openapi(statisticsChartRoute, async (c) => {
    const locale = localeFor(c, c.req.valid("query").lang);
    const figures = statisticsChartFigures(services.db, services.now());
    const spec = inLocale(locale, () => statisticsChartSpec(figures));
    return c.json({ charts: (await browserChartSpecs(spec)) as Array<Record<string, unknown>> }, 200);
  });

  api.openapi(mailingChartRoute, async (c) => {
    const { id } = c.req.valid("param");
    const locale = localeFor(c, c.req.valid("query").lang);
    const mailing = services.mailings.find(id);
    if (!mailing) throw notFound(`Mailing ${id}`);
    if (mailing.kind !== "mailing")
      throw new ApiError(422, "no_deliveries", `Mailing ${id} is a Check Users run: it delivers nothing`);
    const timeline = services.deliveryTimeline.timeline(mailing, services.now());
    const timezone = services.settings.get("mailing").timezone;
    const spec = inLocale(locale, () => mailingChartSpec(timeline, timezone));
    return c.json({ charts: (await browserChartSpecs(spec)) as Array<Record<string, unknown>> }, 200);
  });
}
