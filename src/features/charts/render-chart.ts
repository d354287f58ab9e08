import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { renderAsync } from "@resvg/resvg-js";
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { type AdvanceWidths, readAdvanceWidths } from "./font-metrics.js";

/** The font every chart is drawn in: DejaVu Sans (Latin, Cyrillic, Greek…) from npm, no system font needed. */
export const chartFont = "DejaVu Sans";

// Resolved from the package, so it holds from src/, dist/ and a Docker image alike.
const fontFolder = join(
  dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")),
  "ttf",
);
const fontFiles = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"].map((file) => join(fontFolder, file));
const [regular, bold] = fontFiles.map(readAdvanceWidths) as [AdvanceWidths, AdvanceWidths];

/** The part of Vega's text metrics charts replace (vega-typings does not declare it). */
interface TextItem {
  text?: unknown;
  fontSize?: number;
  fontWeight?: string | number;
}
// Vega measures text with a canvas, or guesses 0.8 em a character without one: give it DejaVu's
// real widths instead, so labels are neither cut short nor followed by blank space. Only charts use Vega.
(
  vega as unknown as { textMetrics: { width: (item: TextItem, text?: unknown) => number } }
).textMetrics.width = (item, text) => {
  const value = text ?? item.text;
  const line = Array.isArray(value) ? value.join(" ") : value == null ? "" : String(value);
  const widths = item.fontWeight === "bold" || Number(item.fontWeight) >= 600 ? bold : regular;
  let ems = 0;
  for (const character of line) ems += widths(character.codePointAt(0) ?? 0);
  return ems * (item.fontSize ?? 11);
};

/** Pixels per SVG unit: charts are drawn at twice their size, sharp on a phone's screen. */
export const chartZoom = 2;

/** The SVG of a Vega-Lite spec, laid out by Vega without a browser (text widths are Vega's estimate). */
export async function chartSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * A Vega-Lite spec drawn as a PNG. The rasterising runs on libuv's thread pool (resvg's renderAsync),
 * so only Vega's layout (tens of milliseconds) holds the event loop.
 */
export async function renderChart(spec: TopLevelSpec): Promise<Buffer> {
  const svg = await chartSvg(spec);
  const image = await renderAsync(svg, {
    font: { fontFiles, loadSystemFonts: false, defaultFontFamily: chartFont, sansSerifFamily: chartFont },
    fitTo: { mode: "zoom", value: chartZoom },
    background: "white",
  });
  return image.asPng();
}
