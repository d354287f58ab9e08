import { useEffect, useRef, useState } from "preact/hooks";
import type { AppClient } from "../api-client.js";
import type { Charts } from "../api-types.js";
import { t } from "../texts/index.js";
import { ErrorBox, useLoad } from "./common.js";

/** One Vega spec drawn by the lazily loaded chart chunk, with its tooltip. */
function VegaChart({ spec }: { spec: Record<string, unknown> }) {
  const box = useRef<HTMLDivElement>(null);
  const tip = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<unknown>(undefined);
  useEffect(() => {
    let live = true;
    let finalize: (() => void) | undefined;
    import("../charts/draw-chart.js")
      .then(async ({ drawChart }) => {
        if (!live || !box.current || !tip.current) return;
        finalize = (await drawChart(box.current, tip.current, spec as never)).finalize;
        if (!live) finalize();
      })
      .catch((failure: unknown) => {
        if (live) setError(failure);
      });
    return () => {
      live = false;
      finalize?.();
    };
  }, [spec]);
  return (
    <div class="server-chart-box">
      <ErrorBox error={error} />
      <div ref={box} data-testid="chart" />
      <div ref={tip} class="chart-tooltip" role="tooltip" hidden />
    </div>
  );
}

/**
 * The charts the bot draws, from the server's Vega specs at `path` (e.g. /stats/charts): the Vega
 * runtime is a chunk of its own, loaded with the first chart, so the rest of the app starts without it.
 */
export function ServerCharts({ client, path, label }: { client: AppClient; path: string; label: string }) {
  const loaded = useLoad(() => client.get<Charts>(path), [client, path]);
  return (
    <figure class="server-chart" aria-label={label}>
      <ErrorBox error={loaded.error} />
      {!loaded.value && !loaded.error && <p class="hint">{t().loading}</p>}
      {loaded.value?.charts.map((spec, index) => (
        <VegaChart key={index} spec={spec} />
      ))}
    </figure>
  );
}
