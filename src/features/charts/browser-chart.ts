import type { Spec } from "vega";
import type { Config, TopLevelSpec } from "vega-lite";
import { chartConfig } from "./chart-theme.js";

/** The shared look without what only a picture needs: the browser's own font, no white page under Telegram's theme. */
const browserConfig: Config = { ...chartConfig, font: undefined, background: "transparent" };

let vegaLite: Promise<typeof import("vega-lite")> | undefined;

/**
 * A chart spec (the one the bot draws as a PNG) compiled to Vega for the Mini App: compiled here,
 * the browser loads only the Vega runtime and not Vega-Lite's compiler too (about a third more to
 * download). Vega-Lite is imported with the first chart, as for the pictures.
 */
export async function browserChartSpec(spec: TopLevelSpec): Promise<Spec> {
  vegaLite ??= import("vega-lite");
  const { compile } = await vegaLite;
  return compile({ ...spec, config: browserConfig }).spec;
}
