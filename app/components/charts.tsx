import { useState } from "preact/hooks";

/** One bar or part of a chart. */
export interface ChartItem {
  label: string;
  value: number;
  /** A CSS colour; the theme's button colour by default. */
  color?: string;
}

const percent = (value: number, total: number) => (total === 0 ? 0 : Math.round((value / total) * 100));

/**
 * Horizontal bars drawn in SVG, one per item: tapping (or focusing) a bar picks it and the caption
 * under the chart gives its value and share.
 */
export function BarChart({ items, title }: { items: ChartItem[]; title: string }) {
  const [picked, setPicked] = useState<number | undefined>(undefined);
  const max = Math.max(1, ...items.map((item) => item.value));
  const total = items.reduce((sum, item) => sum + item.value, 0);
  const row = 28;
  const chosen = picked === undefined ? undefined : items[picked];
  return (
    <figure class="chart">
      <svg
        viewBox={`0 0 320 ${items.length * row}`}
        width="100%"
        role="img"
        aria-label={title}
        preserveAspectRatio="xMinYMin meet"
      >
        {items.map((item, index) => {
          const width = Math.max(2, (item.value / max) * 180);
          const y = index * row;
          return (
            // biome-ignore lint/a11y/useSemanticElements: an SVG bar cannot be a <button>; it is focusable and keyboard-operable
            <g
              // Two referrers may share a name (two Dear Users): the position tells them apart.
              key={`${index}:${item.label}`}
              class={picked === index ? "bar picked" : "bar"}
              role="button"
              tabIndex={0}
              aria-label={`${item.label}: ${item.value}`}
              onClick={() => setPicked(picked === index ? undefined : index)}
              onKeyDown={(event) => {
                if (event.key === "Enter" || event.key === " ") setPicked(index);
              }}
            >
              <text x="0" y={y + 18} class="bar-label">
                {item.label.length > 14 ? `${item.label.slice(0, 13)}…` : item.label}
              </text>
              <rect
                x="100"
                y={y + 5}
                width={width}
                height={row - 10}
                rx="3"
                fill={item.color ?? "var(--accent)"}
              />
              <text x={106 + width} y={y + 18} class="bar-value">
                {item.value}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        {chosen ? `${chosen.label}: ${chosen.value} (${percent(chosen.value, total)}%)` : title}
      </figcaption>
    </figure>
  );
}

/** One bar split into parts (a mailing's sent, failed, pending…), with a legend that gives each figure. */
export function StackedBar({ parts, label }: { parts: ChartItem[]; label: string }) {
  const total = parts.reduce((sum, part) => sum + part.value, 0);
  let x = 0;
  return (
    <figure class="chart">
      <svg viewBox="0 0 300 16" width="100%" role="img" aria-label={label} preserveAspectRatio="none">
        <rect x="0" y="0" width="300" height="16" rx="4" class="track" />
        {parts.map((part) => {
          const width = total === 0 ? 0 : (part.value / total) * 300;
          const rect = <rect key={part.label} x={x} y="0" width={width} height="16" fill={part.color} />;
          x += width;
          return rect;
        })}
      </svg>
      <figcaption class="legend">
        {parts.map((part) => (
          <span key={part.label}>
            <i style={{ background: part.color }} />
            {part.label}: <b>{part.value}</b>
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
