'use client';

import { useEffect, useMemo, useRef, useState, type PointerEvent, type RefObject } from 'react';
import type { XY } from './curves';
import { integerTicks, linearScale, linePath, nearestIndex } from './plot';

/** One line (or row of dots) of the plot. */
export interface PlotSeries {
  key: string;
  /** Its name in the tooltip; unnamed series (the raw batch loss behind the smoothed one) are not listed. */
  name?: string;
  points: readonly XY[];
  colour: string;
  /** 0 draws the dots alone. */
  strokeWidth: number;
  opacity?: number;
  /** An SVG dash pattern, e.g. "2 2". */
  dash?: string;
  dots?: 'hollow' | 'filled';
  /** Dot radius (px); 3 for hollow dots and 2.5 for filled ones unless given. */
  dotRadius?: number;
  /** How far from the pointer, in epochs, a point may be to be listed in the tooltip. */
  snap: number;
}

/** A dashed horizontal line across the plot (a baseline), with an optional label at its left end, where the
 * epochs' lines have not started yet (their first point is epoch 1). */
export interface PlotReference {
  y: number;
  dash: string;
  label?: string;
}

export interface LinePlotProps {
  series: readonly PlotSeries[];
  references?: readonly PlotReference[];
  /** The x extent in epochs. */
  xDomain: [number, number];
  /** The y ticks, from 0; the last is the top of the plot. */
  yTicks: readonly number[];
  formatY: (v: number) => string;
  /** The tooltip's values (finer than the ticks'); formatY unless given. */
  formatValue?: (v: number) => string;
  /** What the plot shows, for screen readers. */
  label: string;
  /** Test id of the plot; its tooltip's is `${testId}-tooltip`. */
  testId: string;
}

/** Room for the axes' labels around the plot area (px), as the charts beside it leave. */
const MARGIN = { left: 38, right: 8, top: 8, bottom: 18 };
const TICK = { fontSize: 10, fill: '#64748b' };
const GRID = '#e2e8f0';

/** The size of an element, kept up to date by a ResizeObserver (0 x 0 until it is measured). */
function useBoxSize(): [RefObject<HTMLDivElement | null>, { width: number; height: number }] {
  const ref = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      const { width, height } = entry.contentRect;
      setSize((s) => (s.width === Math.round(width) && s.height === Math.round(height) ? s : { width: Math.round(width), height: Math.round(height) }));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, size];
}

/**
 * A line plot over epochs drawn as plain SVG from numbers: the training charts, the loss one redrawing while a
 * run trains. Lines are one path each, dots are circles, and nothing is measured from the DOM but the box's
 * size (the chart library these replace measured every line's length on each redraw, a forced layout).
 */
export function LinePlot({ series, references = [], xDomain, yTicks, formatY, formatValue = formatY, label, testId }: LinePlotProps) {
  const [box, { width, height }] = useBoxSize();
  const [hoverX, setHoverX] = useState<number | null>(null);
  const right = Math.max(MARGIN.left + 1, width - MARGIN.right);
  const bottom = Math.max(MARGIN.top + 1, height - MARGIN.bottom);
  const yTop = yTicks.at(-1) ?? 1;
  const sx = useMemo(() => linearScale(xDomain, [MARGIN.left, right]), [xDomain, right]);
  const sy = useMemo(() => linearScale([0, yTop], [bottom, MARGIN.top]), [yTop, bottom]);
  const xTicks = integerTicks(xDomain[1]);
  const drawn = useMemo(() => series.map((s) => ({ ...s, path: s.strokeWidth > 0 ? linePath(s.points, sx, sy) : '' })), [series, sx, sy]);

  const onMove = (e: PointerEvent<SVGRectElement>) => {
    const left = e.currentTarget.getBoundingClientRect().left;
    const px = MARGIN.left + (e.clientX - left);
    setHoverX(xDomain[0] + ((px - MARGIN.left) / (right - MARGIN.left)) * (xDomain[1] - xDomain[0]));
  };
  const rows =
    hoverX === null
      ? []
      : series.flatMap((s) => {
          const i = s.name ? nearestIndex(s.points, hoverX, s.snap) : -1;
          return i < 0 ? [] : [{ key: s.key, name: s.name!, colour: s.colour, x: s.points[i].x, value: s.points[i].y as number }];
        });
  // Rows of one epoch (the per-epoch charts) name that epoch; the batch loss names the pointer's position.
  const rowsX = rows.length > 0 && rows.every((r) => r.x === rows[0].x) ? rows[0].x : null;

  return (
    <div ref={box} className="absolute inset-0" data-testid={testId}>
      {width > 0 && height > 0 && (
        <svg width={width} height={height} role="img" aria-label={label} data-chart-surface fontFamily="inherit">
          {yTicks.map((t) => (
            <g key={`y${t}`}>
              <line x1={MARGIN.left} x2={right} y1={sy(t)} y2={sy(t)} stroke={GRID} strokeDasharray="3 3" />
              <text x={MARGIN.left - 4} y={sy(t)} textAnchor="end" dominantBaseline="middle" {...TICK}>
                {formatY(t)}
              </text>
            </g>
          ))}
          {xTicks.map((t) => (
            <g key={`x${t}`}>
              <line x1={sx(t)} x2={sx(t)} y1={MARGIN.top} y2={bottom} stroke={GRID} strokeDasharray="3 3" />
              <text x={sx(t)} y={bottom + 12} textAnchor="middle" {...TICK}>
                {t}
              </text>
            </g>
          ))}
          <line x1={MARGIN.left} x2={right} y1={bottom} y2={bottom} stroke="#94a3b8" />
          <line x1={MARGIN.left} x2={MARGIN.left} y1={MARGIN.top} y2={bottom} stroke="#94a3b8" />
          {references.map((r) => (
            <g key={`ref${r.y}-${r.dash}`} data-reference={r.y}>
              <line x1={MARGIN.left} x2={right} y1={sy(r.y)} y2={sy(r.y)} stroke="#94a3b8" strokeWidth={1.5} strokeDasharray={r.dash} />
              {r.label && (
                <text x={MARGIN.left + 4} y={sy(r.y) - 4} textAnchor="start" {...TICK}>
                  {r.label}
                </text>
              )}
            </g>
          ))}
          {drawn.map((s) => (
            <g key={s.key} opacity={s.opacity ?? 1} data-series={s.key}>
              {s.path && <path d={s.path} fill="none" stroke={s.colour} strokeWidth={s.strokeWidth} strokeDasharray={s.dash} strokeLinejoin="round" className="plot-line" />}
              {s.dots &&
                s.points.map((p) =>
                  p.y === null || !Number.isFinite(p.y) ? null : (
                    <circle key={p.x} cx={sx(p.x)} cy={sy(p.y)} r={s.dotRadius ?? (s.dots === 'hollow' ? 3 : 2.5)} fill={s.dots === 'hollow' ? '#fff' : s.colour} stroke={s.colour} strokeWidth={s.dots === 'hollow' ? 1.5 : 0} />
                  ),
                )}
            </g>
          ))}
          {hoverX !== null && <line x1={sx(hoverX)} x2={sx(hoverX)} y1={MARGIN.top} y2={bottom} stroke="#94a3b8" pointerEvents="none" />}
          <rect x={MARGIN.left} y={MARGIN.top} width={right - MARGIN.left} height={bottom - MARGIN.top} fill="transparent" onPointerMove={onMove} onPointerLeave={() => setHoverX(null)} />
        </svg>
      )}
      {hoverX !== null && rows.length > 0 && (
        <div
          className="pointer-events-none absolute top-1 z-10 rounded border border-slate-200 bg-white/95 px-1.5 py-0.5 text-[11px] shadow-sm"
          // Beside the pointer, on the side with room.
          style={sx(hoverX) > width / 2 ? { right: width - sx(hoverX) + 8 } : { left: sx(hoverX) + 8 }}
          data-testid={`${testId}-tooltip`}
        >
          <div className="text-slate-500">epoch {rowsX !== null && Number.isInteger(rowsX) ? rowsX : hoverX.toFixed(2)}</div>
          {rows.map((r) => (
            <div key={r.key} className="whitespace-nowrap" style={{ color: r.colour }}>
              {r.name}: <span className="font-mono tabular-nums">{formatValue(r.value)}</span>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
