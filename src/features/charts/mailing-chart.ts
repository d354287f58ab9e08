import { DateTime, IANAZone } from "luxon";
import type { TopLevelSpec } from "vega-lite";
import { texts } from "../../texts/admin-charts.js";
import { fillTemplate } from "../content/template.js";
import {
  type DeliveryTimeline,
  type TimelineOutcome,
  timelineOutcomes,
  timelineSteps,
} from "../mailing/delivery-timeline-repository.js";
import { chartConfig, chartWidth } from "./chart-theme.js";

const outcomeColors: Record<TimelineOutcome, string> = {
  delivered: "#54a24b",
  blocked: "#79706e",
  failed: "#e45756",
  unknown: "#f58518",
};

const stepNames = ["tenSeconds", "minute", "fiveMinutes", "quarterHour", "hour", "sixHours", "day"] as const;

/** A step as the title names it ("1 minute"). */
function stepName(stepMs: number): string {
  const index = timelineSteps.indexOf(stepMs as (typeof timelineSteps)[number]);
  return texts.steps[stepNames[Math.max(0, index)] ?? "day"];
}

/** `at` as the wall clock of `zone` reads it, written as if UTC: Vega then labels it in that zone. */
function wallClock(at: Date, zone: string): string {
  const offsetMinutes = DateTime.fromJSDate(at, { zone }).offset;
  return new Date(at.getTime() + offsetMinutes * 60_000).toISOString();
}

/**
 * Each step's outcomes piled up in a fixed order (a bar spans its step: Vega-Lite does not stack a
 * bar whose x is a range, so the pile is computed here).
 */
function stacked(timeline: DeliveryTimeline) {
  const piled = new Map<number, number>();
  return timeline.points.map((p) => {
    const bottom = piled.get(p.at.getTime()) ?? 0;
    piled.set(p.at.getTime(), bottom + p.deliveries);
    const end = new Date(p.at.getTime() + timeline.stepMs);
    return {
      start: p.at,
      end,
      outcome: p.outcome,
      deliveries: p.deliveries,
      bottom,
      top: bottom + p.deliveries,
    };
  });
}

/**
 * A finished mailing's deliveries over time: one stacked bar per step, coloured by outcome, on the
 * clock of the mailing's time zone. The data holds exactly the timeline's counts, in the admin's language.
 */
export function mailingChartSpec(timeline: DeliveryTimeline, timezone: string): TopLevelSpec {
  const zone = IANAZone.isValidZone(timezone) ? timezone : "UTC";
  const label = (outcome: TimelineOutcome) => texts[outcome];
  const first = timeline.points[0]?.at.getTime() ?? 0;
  const last = timeline.points.at(-1)?.at.getTime() ?? 0;
  const format =
    timeline.stepMs < 60_000
      ? "%H:%M:%S"
      : last - first + timeline.stepMs > 86_400_000
        ? "%d.%m %H:%M"
        : "%H:%M";
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    config: chartConfig,
    title: fillTemplate(texts.deliveriesTitle, { step: stepName(timeline.stepMs) }),
    width: chartWidth,
    height: 200,
    data: {
      values: stacked(timeline).map((p) => ({
        ...p,
        start: wallClock(p.start, zone),
        end: wallClock(p.end, zone),
        outcome: label(p.outcome),
      })),
    },
    mark: { type: "bar", stroke: "white", strokeWidth: 1 },
    // A click on a legend entry shows that outcome alone (in a browser; a picture has nothing picked).
    params: [{ name: "picked_outcome", select: { type: "point", fields: ["outcome"] }, bind: "legend" }],
    encoding: {
      x: {
        field: "start",
        type: "temporal",
        scale: { type: "utc" },
        title: fillTemplate(texts.deliveriesAxis, { timezone: zone }),
        axis: { format, tickCount: 6 },
      },
      x2: { field: "end" },
      y: { field: "top", type: "quantitative", title: null, axis: { tickMinStep: 1, format: "d" } },
      y2: { field: "bottom" },
      color: {
        field: "outcome",
        type: "nominal",
        scale: { domain: timelineOutcomes.map(label), range: timelineOutcomes.map((o) => outcomeColors[o]) },
        legend: { columns: 2, labelLimit: 300 },
      },
      opacity: { condition: { param: "picked_outcome", value: 1, empty: true }, value: 0.15 },
      tooltip: [
        {
          field: "start",
          type: "temporal",
          timeUnit: "utcyearmonthdatehoursminutesseconds",
          title: texts.time,
          format: timeline.stepMs < 60_000 ? "%d.%m %H:%M:%S" : "%d.%m %H:%M",
        },
        { field: "outcome", type: "nominal", title: texts.outcome },
        { field: "deliveries", type: "quantitative", title: texts.deliveries },
      ],
    },
  };
}
