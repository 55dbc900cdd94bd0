'use client';

/** One curve of a FunctionPlot: points in data units and a stroke colour. */
export interface PlotSeries {
  id: string;
  color: string;
  points: readonly { x: number; y: number }[];
}

const W = 520;
const H = 320;
const PAD = { left: 36, right: 12, top: 12, bottom: 28 };

/**
 * A small SVG line plot with axes and a light grid (no charting library: a handful of paths, crisp at any
 * zoom, nothing to load). `marker` draws a vertical line at that x.
 */
export function FunctionPlot(props: {
  series: readonly PlotSeries[];
  xRange: readonly [number, number];
  yRange: readonly [number, number];
  marker?: number;
  label: string;
}) {
  const { series, xRange, yRange, marker, label } = props;
  const sx = (x: number) => PAD.left + ((x - xRange[0]) / (xRange[1] - xRange[0])) * (W - PAD.left - PAD.right);
  const sy = (y: number) => PAD.top + ((yRange[1] - y) / (yRange[1] - yRange[0])) * (H - PAD.top - PAD.bottom);
  const clampY = (y: number) => Math.min(yRange[1] + 1, Math.max(yRange[0] - 1, y));
  const xTicks = ticks(xRange);
  const yTicks = ticks(yRange);
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full max-w-[560px] select-none" role="img" aria-label={label} data-testid="activation-plot">
      <defs>
        <clipPath id="plot-area">
          <rect x={PAD.left} y={PAD.top} width={W - PAD.left - PAD.right} height={H - PAD.top - PAD.bottom} />
        </clipPath>
      </defs>
      {xTicks.map((t) => (
        <g key={`x${t}`}>
          <line x1={sx(t)} x2={sx(t)} y1={PAD.top} y2={H - PAD.bottom} stroke={t === 0 ? '#94a3b8' : '#e2e8f0'} strokeWidth={t === 0 ? 1.2 : 1} />
          <text x={sx(t)} y={H - PAD.bottom + 16} textAnchor="middle" fontSize={11} fill="#64748b">
            {t}
          </text>
        </g>
      ))}
      {yTicks.map((t) => (
        <g key={`y${t}`}>
          <line x1={PAD.left} x2={W - PAD.right} y1={sy(t)} y2={sy(t)} stroke={t === 0 ? '#94a3b8' : '#e2e8f0'} strokeWidth={t === 0 ? 1.2 : 1} />
          <text x={PAD.left - 6} y={sy(t) + 4} textAnchor="end" fontSize={11} fill="#64748b">
            {t}
          </text>
        </g>
      ))}
      <g clipPath="url(#plot-area)">
        {series.map((s) => (
          <path
            key={s.id}
            data-testid={`activation-curve-${s.id}`}
            d={s.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${sx(p.x).toFixed(1)},${sy(clampY(p.y)).toFixed(1)}`).join('')}
            fill="none"
            stroke={s.color}
            strokeWidth={2.4}
            strokeLinejoin="round"
          />
        ))}
        {marker !== undefined ? (
          <line x1={sx(marker)} x2={sx(marker)} y1={PAD.top} y2={H - PAD.bottom} stroke="#0f172a" strokeDasharray="4 4" strokeWidth={1} />
        ) : null}
      </g>
    </svg>
  );
}

/** Integer ticks across a range, at most about 10 of them. */
function ticks([lo, hi]: readonly [number, number]): number[] {
  const step = Math.max(1, Math.ceil((hi - lo) / 10));
  const out: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + 1e-9; t += step) out.push(Number(t.toFixed(6)));
  return out;
}
