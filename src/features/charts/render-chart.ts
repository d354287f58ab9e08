import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { TopLevelSpec } from "vega-lite";
import { chartFont } from "./chart-theme.js";
import { type AdvanceWidths, readAdvanceWidths } from "./font-metrics.js";

// Resolved from the package, so it holds from src/, dist/ and a Docker image alike.
const fontFolder = join(
  dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")),
  "ttf",
);
const fontFiles = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"].map((file) => join(fontFolder, file));

/** Pixels per SVG unit: charts are drawn at twice their size, sharp on a phone's screen. */
export const chartZoom = 2;

/** The part of Vega's text metrics charts replace (vega-typings does not declare it). */
interface TextItem {
  text?: unknown;
  fontSize?: number;
  fontWeight?: string | number;
}
type TextMetrics = { width: (item: TextItem, text?: unknown) => number };

interface ChartEngine {
  svg(spec: TopLevelSpec): Promise<string>;
  png(svg: string): Promise<Buffer>;
}

/**
 * Vega, Vega-Lite and resvg, loaded with the first chart: imported at start they would add half a
 * second or more to every start of the bot, for an admin's occasional press.
 */
async function loadEngine(): Promise<ChartEngine> {
  const [vega, vegaLite, resvg] = await Promise.all([
    import("vega"),
    import("vega-lite"),
    import("@resvg/resvg-js"),
  ]);
  const [regular, bold] = fontFiles.map(readAdvanceWidths) as [AdvanceWidths, AdvanceWidths];
  // Vega measures text with a canvas, or guesses 0.8 em a character without one: give it DejaVu's
  // real widths instead, so labels are neither cut short nor followed by blank space. Only charts use Vega.
  (vega as unknown as { textMetrics: TextMetrics }).textMetrics.width = (item, text) => {
    const value = text ?? item.text;
    const line = Array.isArray(value) ? value.join(" ") : value == null ? "" : String(value);
    const widths = item.fontWeight === "bold" || Number(item.fontWeight) >= 600 ? bold : regular;
    let ems = 0;
    for (const character of line) ems += widths(character.codePointAt(0) ?? 0);
    return ems * (item.fontSize ?? 11);
  };
  return {
    async svg(spec) {
      const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: "none" });
      try {
        return await view.toSVG();
      } finally {
        view.finalize();
      }
    },
    // Rasterised on libuv's thread pool (renderAsync); Vega's layout and the PNG encoding hold the event loop.
    async png(svg) {
      const image = await resvg.renderAsync(svg, {
        font: { fontFiles, loadSystemFonts: false, defaultFontFamily: chartFont, sansSerifFamily: chartFont },
        fitTo: { mode: "zoom", value: chartZoom },
        background: "white",
      });
      return image.asPng();
    },
  };
}

let engine: Promise<ChartEngine> | undefined;
const chartEngine = () => {
  engine ??= loadEngine();
  return engine;
};

/** The SVG of a Vega-Lite spec, laid out by Vega without a browser, with DejaVu's text widths. */
export async function chartSvg(spec: TopLevelSpec): Promise<string> {
  return (await chartEngine()).svg(spec);
}

/** A Vega-Lite spec drawn as a PNG, in DejaVu Sans from npm (no system font is read). */
export async function renderChart(spec: TopLevelSpec): Promise<Buffer> {
  const drawn = await chartEngine();
  return drawn.png(await drawn.svg(spec));
}
