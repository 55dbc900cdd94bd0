/**
 * Curve data for the charts: exponential smoothing of the batch loss (TensorBoard's debiased EMA, so the
 * first points are not dragged towards 0), thinning long series, and the series each chart draws per run.
 */
import { thin } from '../store/training/runHistory';
import type { BatchPoint, EpochPoint, RunRecord } from '../store/training/runs';

/**
 * Debiased exponential moving average with weight `smoothing` in [0, 1): s_t = w s_(t-1) + (1 - w) x_t,
 * divided by 1 - w^t. Null (NaN) values are skipped and stay null. smoothing 0 returns the values.
 *
 * @example ema([1, 3], 0.5) // [1, (0.25 + 1.5) / 0.75 = 2.333]
 */
export function ema(values: readonly (number | null)[], smoothing: number): (number | null)[] {
  const w = Math.min(0.999, Math.max(0, smoothing));
  let acc = 0;
  let n = 0;
  return values.map((v) => {
    if (v === null || !Number.isFinite(v)) return null;
    n++;
    acc = w * acc + (1 - w) * v;
    return acc / (1 - w ** n);
  });
}

/** A point of a chart series: x (epochs) and y. */
export interface XY {
  x: number;
  y: number | null;
}

/** The batch loss of a run, smoothed, as chart points (thinned to `max` for drawing). */
export function smoothedBatchLoss(batches: readonly BatchPoint[], smoothing: number, max = 600): XY[] {
  const smooth = ema(
    batches.map((b) => b.loss),
    smoothing,
  );
  return thin(
    batches.map((b, i) => ({ x: b.x, y: smooth[i] })),
    max,
  );
}

/** One per-epoch figure as chart points. */
export function epochSeries(epochs: readonly EpochPoint[], key: keyof Omit<EpochPoint, 'dicePerClass'>): XY[] {
  return epochs.map((e) => ({ x: e.epoch, y: e[key] }));
}

/** Dice of one class per epoch. */
export function diceClassSeries(epochs: readonly EpochPoint[], classIndex: number): XY[] {
  return epochs.map((e) => ({ x: e.epoch, y: e.dicePerClass?.[classIndex] ?? null }));
}

/** Distinct colours for overlaid runs (the newest run first), readable on white. */
export const RUN_COLOURS = ['#4f46e5', '#059669', '#d97706', '#db2777', '#0891b2', '#7c3aed', '#65a30d', '#dc2626', '#475569', '#0d9488'];

/** The colour of a run, stable across renders: by its number. */
export function runColour(run: Pick<RunRecord, 'number'>): string {
  return RUN_COLOURS[(run.number - 1) % RUN_COLOURS.length];
}

/** The x-axis extent in epochs that fits every shown run (at least 1). */
export function epochDomain(runs: readonly Pick<RunRecord, 'settings' | 'epochs'>[]): [number, number] {
  const last = Math.max(1, ...runs.map((r) => Math.max(r.settings.epochs, r.epochs.length)));
  return [0, last];
}

/**
 * Round axis ticks from 0 to just above `max`: about four steps of 1, 2, 2.5 or 5 times a power of ten.
 * @example niceTicks(3.3) // [0, 1, 2, 3, 4]; niceTicks(0.42) // [0, 0.2, 0.4, 0.6]
 */
export function niceTicks(max: number, steps = 4): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 1];
  const raw = max / steps;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const top = Math.ceil(max / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let v = 0; v <= top + step / 2; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

/** The largest defined y of some series (0 when none). */
export function seriesMax(series: readonly (readonly XY[])[]): number {
  let max = 0;
  for (const s of series) for (const p of s) if (p.y !== null && Number.isFinite(p.y) && p.y > max) max = p.y;
  return max;
}
