import type { TopLevelSpec } from "vega-lite";
import { texts } from "../../texts/admin-charts.js";
import type { DailyLiveness, DailyNewUsers, UserSources } from "../statistics/statistics-repository.js";
import { chartConfig, chartWidth } from "./chart-theme.js";

/** The figures 📊 Statistics draws. */
export interface StatisticsChartFigures {
  newUsers: readonly DailyNewUsers[];
  liveness: readonly DailyLiveness[];
  sources: UserSources;
  /** Languages as the statistics text names them (a code, "other", "unknown"), largest first. */
  languages: ReadonlyArray<{ name: string; users: number }>;
}

type ConcatPart = Extract<TopLevelSpec, { vconcat: unknown }>["vconcat"][number];

const utcDay = (day: Date) => day.toISOString().slice(0, 10);
/** A UTC day axis labelled day.month, which reads the same in every language. */
const dayAxis = {
  field: "day",
  type: "temporal",
  timeUnit: "utcyearmonthdate",
  title: null,
  axis: { format: "%d.%m", tickCount: 10 },
} as const;
const countAxis = { type: "quantitative", title: null, axis: { tickMinStep: 1, format: "d" } } as const;
/** What hovering a day's mark tells in a browser (a picture ignores it): the day and its exact figure. */
const dayTooltip = (...more: Array<{ field: string; title: string }>) => [
  {
    field: "day",
    type: "temporal",
    timeUnit: "utcyearmonthdate",
    title: texts.day,
    format: "%d.%m.%Y",
  } as const,
  ...more,
  { field: "users", type: "quantitative", title: texts.users } as const,
];

/** Horizontal bars with their counts written at their ends, largest first. */
function bars(
  title: string,
  values: ReadonlyArray<{ name: string; users: number }>,
  color: string,
): ConcatPart {
  return {
    title,
    width: chartWidth,
    height: { step: 24 },
    data: { values: values.map((v) => ({ ...v })) },
    encoding: {
      y: { field: "name", type: "nominal", sort: null, title: null },
      x: { field: "users", ...countAxis },
      tooltip: [
        { field: "name", type: "nominal", title },
        { field: "users", type: "quantitative", title: texts.users },
      ],
    },
    layer: [
      { mark: { type: "bar", color } },
      {
        mark: { type: "text", align: "left", dx: 4 },
        encoding: { text: { field: "users", type: "quantitative" } },
      },
    ],
  } as const;
}

/**
 * One image of four charts stacked (a phone shows a column best): new bot users per day, active
 * users alive and dead, where they came from, their languages. Each chart's data holds exactly the
 * figures given, in the admin's language.
 */
export function statisticsChartSpec(f: StatisticsChartFigures): TopLevelSpec {
  const alive = texts.alive;
  const dead = texts.dead;
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    config: chartConfig,
    resolve: { legend: { color: "independent" }, scale: { color: "independent" } },
    vconcat: [
      {
        title: texts.newUsersTitle,
        width: chartWidth,
        height: 140,
        data: { values: f.newUsers.map((d) => ({ day: utcDay(d.day), users: d.users })) },
        mark: { type: "bar", color: "#4c78a8" },
        encoding: {
          x: dayAxis,
          y: { field: "users", ...countAxis },
          tooltip: dayTooltip(),
        },
      },
      {
        title: texts.livenessTitle,
        width: chartWidth,
        height: 140,
        data: {
          values: f.liveness.flatMap((d) => [
            { day: utcDay(d.day), state: alive, users: d.alive },
            { day: utcDay(d.day), state: dead, users: d.dead },
          ]),
        },
        mark: { type: "line", point: true },
        // A click on a legend entry shows that state alone (in a browser; a picture has nothing picked).
        params: [{ name: "picked_state", select: { type: "point", fields: ["state"] }, bind: "legend" }],
        encoding: {
          x: dayAxis,
          y: { field: "users", ...countAxis },
          opacity: { condition: { param: "picked_state", value: 1, empty: true }, value: 0.15 },
          tooltip: dayTooltip({ field: "state", title: texts.livenessTitle }),
          color: {
            field: "state",
            type: "nominal",
            scale: { domain: [alive, dead], range: ["#54a24b", "#79706e"] },
          },
        },
      },
      bars(
        texts.sourcesTitle,
        [
          { name: texts.campaign, users: f.sources.campaign },
          { name: texts.userReferral, users: f.sources.userReferral },
          { name: texts.direct, users: f.sources.direct },
        ],
        "#f58518",
      ),
      bars(texts.languagesTitle, f.languages, "#72b7b2"),
    ],
  };
}
