/**
 * Number formatting for the training panels. An undefined ratio (NaN: a class with no support has no
 * sensitivity) is shown as "-", never as "NaN" or a made-up 0 (DESIGN.md section 6).
 */

/** The text shown for an undefined value. */
export const UNDEFINED_TEXT = '-';

/** True for a number that can be shown (not NaN, not infinite, not null/undefined). */
export function isDefined(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** A ratio in 0..1 as a percentage: 0.8333 -> `83.3%` (digits after the point), NaN -> `-`. */
export function formatPercent(v: number | null | undefined, digits = 1): string {
  return isDefined(v) ? `${(v * 100).toFixed(digits)}%` : UNDEFINED_TEXT;
}

/** A ratio in 0..1 as a bare percentage for tables whose header says "%": 0.8333 -> `83.3`, NaN -> `-`. */
export function formatPercentNumber(v: number | null | undefined, digits = 1): string {
  return isDefined(v) ? (v * 100).toFixed(digits) : UNDEFINED_TEXT;
}

/** A ratio in 0..1 with fixed decimals: 0.8333 -> `0.83`, NaN -> `-`. */
export function formatRatio(v: number | null | undefined, digits = 2): string {
  return isDefined(v) ? v.toFixed(digits) : UNDEFINED_TEXT;
}

/** A loss: three significant digits (`0.0123`, `1.95`, `12.3`); NaN and infinities spelled out, since they mean divergence. */
export function formatLoss(v: number | null | undefined): string {
  if (v === null || v === undefined) return UNDEFINED_TEXT;
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
  return Number(v.toPrecision(3)).toString();
}

/** Seconds as `45 s`, `3 min 05 s`, `1 h 02 min`; negative or undefined -> `-`. */
export function formatDuration(seconds: number | null | undefined): string {
  if (!isDefined(seconds) || seconds < 0) return UNDEFINED_TEXT;
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/** Images per second: `12.4 img/s` under 100, `345 img/s` above. */
export function formatRate(imagesPerSecond: number | null | undefined): string {
  if (!isDefined(imagesPerSecond)) return UNDEFINED_TEXT;
  return `${imagesPerSecond < 100 ? imagesPerSecond.toFixed(1) : Math.round(imagesPerSecond)} img/s`;
}
