import type { Config } from "vega-lite";

/** The font every chart is drawn in: DejaVu Sans (Latin, Cyrillic, Greek…) from npm, no system font needed. */
export const chartFont = "DejaVu Sans";

/** The width of every chart's plot: one column, which a phone shows across its screen. */
export const chartWidth = 460;

/** What all charts share: the bundled font, a white page, titles and labels large enough for a phone. */
export const chartConfig: Config = {
  font: chartFont,
  background: "white",
  padding: 12,
  title: { fontSize: 15, anchor: "start", frame: "group", offset: 10 },
  axis: { labelFontSize: 12, titleFontSize: 12, labelAngle: 0, labelLimit: 260 },
  legend: { labelFontSize: 12, orient: "top", title: null },
  view: { stroke: null },
  concat: { spacing: 28 },
};
