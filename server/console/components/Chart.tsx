import { useEffect, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';

/** One line (or bar series) of a chart. */
export interface ChartSeries {
  label: string;
  values: (number | null)[];
  /** A CSS colour; the legend and the line use it. */
  color: string;
}

/** Props of {@link Chart}. */
export interface ChartProps {
  /** What the chart shows, for screen readers (the tables next to it hold the numbers). */
  label: string;
  /** X values: local dates (YYYY-MM-DD) for a time chart, else category labels. */
  x: string[];
  series: ChartSeries[];
  /** Bars instead of lines (categories: always bars). */
  bars?: boolean;
  /** Height in CSS pixels (the width follows the container, down to a phone's 360 px). */
  height?: number;
  /** Y axis and legend values. */
  format?: (value: number) => string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const cssVar = (name: string, fallback: string): string =>
  (typeof getComputedStyle === 'function' ? getComputedStyle(document.documentElement).getPropertyValue(name).trim() : '') || fallback;

let canvasOk: boolean | undefined;
function canDraw(): boolean {
  if (canvasOk === undefined) {
    try {
      canvasOk = !!document.createElement('canvas').getContext('2d');
    } catch {
      canvasOk = false;
    }
  }
  return canvasOk;
}

/** The uPlot options for a chart; exported for tests (uPlot itself needs a canvas). */
export function chartOptions(props: ChartProps, width: number): uPlot.Options {
  const time = props.x.every((x) => DATE.test(x));
  const text = cssVar('--muted', '#5b6575');
  const grid = cssVar('--border', '#dde1e7');
  const format = props.format ?? ((v: number) => (Math.abs(v) >= 10_000 ? `${Math.round(v / 1000)}k` : String(Math.round(v * 100) / 100)));
  const narrow = width < 480;
  // Several bar series sit side by side around each x (never on top of each other, which would read as stacked).
  const asBars = props.bars || !time;
  const n = props.series.length;
  const barsOf = (i: number) =>
    uPlot.paths.bars!(n === 2 ? { size: [0.4, 24], align: i === 0 ? -1 : 1 } : { size: [0.7 / Math.max(1, n), 48] });
  return {
    width,
    height: props.height ?? 220,
    // Dates are local days of the site already: show them as they are, not shifted into the browser's zone.
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    cursor: { drag: { x: false, y: false }, points: { size: 6 } },
    legend: { show: true, live: true },
    // Bars get half a step of room at both ends, so the first and last are not cut in half.
    scales: { x: { time, ...(asBars ? { range: (_u, min, max) => (time ? [min - 43_200, max + 43_200] : [min - 0.5, max + 0.5]) } : {}) }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] } },
    axes: [
      {
        stroke: text,
        grid: { show: false },
        ticks: { stroke: grid },
        font: `${narrow ? 10 : 11}px system-ui, sans-serif`,
        ...(time
          ? { values: (_u, ticks) => ticks.map((t) => new Date(t * 1000).toISOString().slice(5, 10).replace('-', '/')) }
          : { values: (_u, ticks) => ticks.map((t) => props.x[Math.round(t)] ?? ''), splits: () => props.x.map((_, i) => i) }),
      },
      {
        stroke: text,
        grid: { stroke: grid, width: 1 },
        ticks: { show: false },
        size: narrow ? 40 : 50,
        font: `${narrow ? 10 : 11}px system-ui, sans-serif`,
        values: (_u, ticks) => ticks.map(format),
      },
    ],
    series: [
      { label: time ? 'Day' : '', value: (_u, v) => (v === null ? '—' : time ? new Date(v * 1000).toISOString().slice(0, 10) : (props.x[Math.round(v)] ?? '')) },
      ...props.series.map((s, i) => ({
        label: s.label,
        stroke: s.color,
        width: asBars ? 0 : 2,
        fill: asBars ? s.color : undefined,
        points: { show: props.x.length <= 31 && !asBars },
        value: (_u: uPlot, v: number | null) => (v === null ? '—' : format(v)),
        ...(asBars ? { paths: barsOf(i) } : {}),
      })),
    ],
  };
}

/** The x values uPlot plots: dates as seconds since the epoch (UTC midnight), categories as 0, 1, 2… */
export function chartData(props: ChartProps): uPlot.AlignedData {
  const time = props.x.every((x) => DATE.test(x));
  const x = props.x.map((d, i) => (time ? Date.parse(`${d}T00:00:00Z`) / 1000 : i));
  return [x, ...props.series.map((s) => s.values)] as uPlot.AlignedData;
}

/**
 * A uPlot line or bar chart that fills its container's width (it follows resizes, so it works at phone width) and
 * draws on a canvas: no inline styles in markup, so it runs under the console's CSP (uPlot's own stylesheet is part of
 * console.css). Where no canvas is available the chart is left out; the tables beside it carry the same numbers.
 */
export function Chart(props: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let plot: uPlot | undefined;
    // uPlot draws later, in a microtask: check for a 2D canvas first (there is none under happy-dom or in some
    // locked-down browsers), rather than let that draw throw where nothing can catch it.
    if (!canDraw()) {
      setFailed(true);
      return;
    }
    try {
      plot = new uPlot(chartOptions(props, Math.max(240, el.clientWidth || 600)), chartData(props), el);
    } catch {
      setFailed(true);
      return;
    }
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(() => plot?.setSize({ width: Math.max(240, el.clientWidth), height: props.height ?? 220 })) : null;
    observer?.observe(el);
    return () => {
      observer?.disconnect();
      plot?.destroy();
    };
  }, [props.label, props.x.join(), JSON.stringify(props.series), props.bars, props.height]);
  if (failed) return null;
  return <div class="chart" ref={box} role="img" aria-label={props.label} />;
}
