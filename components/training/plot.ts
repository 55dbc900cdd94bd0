/**
 * Geometry of the loss plot (./LossPlot.tsx): scales, SVG path strings, axis ticks and the nearest point under
 * the pointer. Pure and DOM-free, so the plot redraws from numbers alone: the chart library it replaces measured
 * every line's SVG length on each redraw (a forced layout), which cost the page about a third of its
 * main-thread time while a run trained.
 */
import type { XY } from './curves';

/** A linear map from `domain` to `range`; a zero-width domain maps everything to the range's start. */
export function linearScale([d0, d1]: readonly [number, number], [r0, r1]: readonly [number, number]): (v: number) => number {
  const span = d1 - d0;
  return span === 0 ? () => r0 : (v) => r0 + ((v - d0) / span) * (r1 - r0);
}

/** A coordinate with at most one decimal: a few hundred points stay a short path string. */
const round1 = (v: number) => Math.round(v * 10) / 10;

/**
 * An SVG path through the defined points in order ("M x y L x y ..."), joined across missing values as the
 * chart joined them before; empty when fewer than two points are defined (a lone epoch is a dot, not a line).
 *
 * @example linePath([{x: 0, y: 1}, {x: 1, y: null}, {x: 2, y: 0}], (x) => 10 * x, (y) => 100 - 100 * y)
 * // "M0 0L20 100"
 */
export function linePath(points: readonly XY[], sx: (v: number) => number, sy: (v: number) => number): string {
  let path = '';
  let drawn = 0;
  for (const p of points) {
    if (p.y === null || !Number.isFinite(p.y)) continue;
    path += `${drawn === 0 ? 'M' : 'L'}${round1(sx(p.x))} ${round1(sy(p.y))}`;
    drawn++;
  }
  return drawn > 1 ? path : '';
}

/**
 * Whole-number ticks from 0 to `max` (epochs): steps of 1, 2 or 5 times a power of ten, at most `most` ticks,
 * `max` itself the last tick when it falls on a step.
 *
 * @example integerTicks(5) // [0, 1, 2, 3, 4, 5]; integerTicks(6) // [0, 2, 4, 6]; integerTicks(30) // [0, 10, 20, 30]
 */
export function integerTicks(max: number, most = 6): number[] {
  const top = Math.max(1, Math.floor(max));
  let step = 1;
  for (let power = 1; ; power *= 10) {
    const fits = [1, 2, 5].map((m) => m * power).find((s) => Math.floor(top / s) + 1 <= most);
    if (fits) {
      step = fits;
      break;
    }
  }
  const ticks: number[] = [];
  for (let v = 0; v <= top; v += step) ticks.push(v);
  return ticks;
}

/**
 * The index of the point whose x is nearest `x` in points sorted by x (binary search), or -1 when there is
 * none within `within` (in x units) or no defined value there.
 */
export function nearestIndex(points: readonly XY[], x: number, within = Infinity): number {
  if (points.length === 0) return -1;
  let lo = 0;
  let hi = points.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (points[mid].x <= x) lo = mid;
    else hi = mid;
  }
  const best = Math.abs(points[lo].x - x) <= Math.abs(points[hi].x - x) ? lo : hi;
  const p = points[best];
  return Math.abs(p.x - x) <= within && p.y !== null && Number.isFinite(p.y) ? best : -1;
}
