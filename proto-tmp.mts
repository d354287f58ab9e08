import { monitorEventLoopDelay } from "node:perf_hooks";
import { statisticsChartSpec } from "./src/features/charts/statistics-chart.js";
import { mailingChartSpec } from "./src/features/charts/mailing-chart.js";
import { chartSvg, renderChart } from "./src/features/charts/render-chart.js";
const day = (i: number) => new Date(Date.UTC(2026, 4, 3 + i));
const spec = statisticsChartSpec({
  newUsers: Array.from({ length: 30 }, (_, i) => ({ day: day(i), users: (i * 7) % 20 })),
  liveness: Array.from({ length: 30 }, (_, i) => ({ day: day(i), alive: 100 + i * 5, dead: i })),
  sources: { campaign: 40, userReferral: 12, direct: 150 },
  languages: ["en","ru","es","de","fr","it","pt","uk"].map((name, i) => ({ name, users: 100 - i * 9 })).concat([{ name: "other", users: 5 }, { name: "unknown", users: 3 }]),
});
const start = Date.UTC(2026, 5, 1, 12);
const mspec = mailingChartSpec({ stepMs: 60000, points: Array.from({ length: 60 }, (_, i) => ({ at: new Date(start + i * 60000), outcome: "delivered" as const, deliveries: 1000 })) }, "UTC");
async function measure(name: string, s: any) {
  const t0 = performance.now(); await renderChart(s); const cold = performance.now() - t0;
  const times: number[] = []; const svgTimes: number[] = [];
  const h = monitorEventLoopDelay({ resolution: 1 }); h.enable();
  for (let i = 0; i < 20; i++) {
    const a = performance.now(); await chartSvg(s); svgTimes.push(performance.now() - a);
    const b = performance.now(); await renderChart(s); times.push(performance.now() - b);
  }
  h.disable();
  const med = (x: number[]) => x.sort((p, q) => p - q)[Math.floor(x.length / 2)]!.toFixed(0);
  console.log(`${name}: cold ${cold.toFixed(0)} ms; warm median total ${med(times)} ms (max ${Math.max(...times).toFixed(0)}), of which Vega layout+SVG ${med(svgTimes)} ms; event loop max delay ${(h.max / 1e6).toFixed(0)} ms, p99 ${(h.percentile(99) / 1e6).toFixed(0)} ms`);
}
await measure("statistics", spec);
await measure("mailing", mspec);
