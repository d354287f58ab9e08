import { parse, type Spec, View } from "vega";
import { expressionInterpreter } from "vega-interpreter";

/** A chart drawn in a page: `finalize` removes its listeners and timers. */
export interface DrawnChart {
  finalize(): void;
}

const themeColour = (name: string, fallback: string) =>
  getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;

/** Vega's config in Telegram's colours: labels and titles in the theme's text colour, axes and grid in its hint colour. */
function themeConfig() {
  const text = themeColour("--tg-text-color", "#000000");
  const hint = themeColour("--tg-hint-color", "#999999");
  const axis = {
    labelColor: text,
    titleColor: text,
    domainColor: hint,
    tickColor: hint,
    gridColor: hint,
    gridOpacity: 0.3,
  };
  return {
    axis,
    legend: { labelColor: text, titleColor: text },
    title: { color: text },
  };
}

/** The spec's own config under the theme's: each group of settings (axis, legend…) merged, the theme winning. */
function themed(spec: Spec): Spec {
  const own = (spec.config ?? {}) as Record<string, object | undefined>;
  const theme = themeConfig() as Record<string, object>;
  const config = { ...own };
  for (const [key, value] of Object.entries(theme)) config[key] = { ...own[key], ...value };
  return { ...spec, config };
}

/** A tooltip's value (Vega hands an object of title → formatted value) as lines of "title: value". */
function tooltipLines(value: unknown): string[] {
  if (value === null || value === undefined || value === "") return [];
  if (typeof value !== "object") return [String(value)];
  return Object.entries(value as Record<string, unknown>).map(([key, shown]) => `${key}: ${String(shown)}`);
}

/** Vega's tooltip hook: the hovered mark's exact figures in a div placed by the pointer, inside the chart. */
function tooltipHandler(box: HTMLElement, tip: HTMLElement) {
  return (_handler: unknown, event: MouseEvent, _item: unknown, value: unknown) => {
    const lines = tooltipLines(value);
    if (lines.length === 0) {
      tip.hidden = true;
      return;
    }
    tip.replaceChildren(
      ...lines.map((line) => Object.assign(document.createElement("div"), { textContent: line })),
    );
    tip.hidden = false;
    const bounds = box.getBoundingClientRect();
    const x = event.clientX - bounds.left;
    const left = Math.min(Math.max(0, x + 12), Math.max(0, bounds.width - tip.offsetWidth));
    const above = event.clientY - bounds.top - tip.offsetHeight - 12;
    tip.style.left = `${left}px`;
    tip.style.top = `${above < 0 ? event.clientY - bounds.top + 16 : above}px`;
  };
}

/**
 * Draws a Vega spec (compiled on the server from the bot's Vega-Lite) into `box` as SVG, in the
 * theme's colours and as wide as `box`. Expressions run through vega-interpreter, not Vega's
 * code generator, so the page's CSP needs no 'unsafe-eval'.
 */
export async function drawChart(box: HTMLElement, tip: HTMLElement, spec: Spec): Promise<DrawnChart> {
  const runtime = parse(themed(spec), undefined, { ast: true });
  const view = new View(runtime, {
    expr: expressionInterpreter,
    renderer: "svg",
    container: box,
    hover: true,
  });
  view.tooltip(tooltipHandler(box, tip));
  await view.runAsync();
  // The plot is as wide as the spec says (the PNG's width): narrowed by what the drawing overflows
  // the box (axes and legend scale with it; a long title does not, hence a few rounds), it fits.
  for (let round = 0; round < 3; round++) {
    const overflow = Number(box.querySelector("svg")?.getAttribute("width") ?? 0) - box.clientWidth;
    const width = Math.max(120, view.width() - Math.ceil(overflow));
    if (overflow <= 0 || width === view.width()) break;
    await view.width(width).runAsync();
  }
  return { finalize: () => view.finalize() };
}
