import type { Spec } from "vega";
import type { Config, TopLevelSpec } from "vega-lite";
import { chartConfig } from "./chart-theme.js";

/**
 * The shared look without what only a picture needs: the browser's own font, no white page under
 * Telegram's theme, text marks in the page's text colour (currentColor: the SVG inherits it), and
 * smaller titles from the chart's left edge, so a phone's width holds them unscaled.
 */
const browserConfig: Config = {
  ...chartConfig,
  font: undefined,
  background: "transparent",
  padding: 4,
  title: { ...chartConfig.title, frame: "bounds", fontSize: 13 },
  text: { color: "currentColor" },
};

let vegaLite: Promise<typeof import("vega-lite")> | undefined;

/**
 * A chart spec (the one the bot draws as a PNG) compiled to Vega for the Mini App, one spec per
 * chart of a column (each then fits a phone's width on its own). Compiled here, the browser loads
 * only the Vega runtime: 196 kB gzipped, 289 kB with Vega-Lite's compiler too. Vega-Lite is
 * imported with the first chart, as for the pictures.
 */
export async function browserChartSpecs(spec: TopLevelSpec): Promise<Spec[]> {
  vegaLite ??= import("vega-lite");
  const { compile } = await vegaLite;
  const charts =
    "vconcat" in spec ? spec.vconcat.map((part) => ({ $schema: spec.$schema, ...part })) : [spec];
  return charts.map((chart) => compile({ ...chart, config: browserConfig } as TopLevelSpec).spec);
}
