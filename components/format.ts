import { formatCount } from '@/graph/issues';
import type { Shape } from '@/graph/types';

/**
 * Number and shape formatting for cards, edges and the summary. Plain ASCII so the text is the same in
 * every font, tests and the docs: shapes as `64x64x32`, counts with thousands separators (graph/issues
 * formatCount, the one the messages use too).
 */

/** A shape without its batch dimension: `[null, 64, 64, 32]` -> `64x64x32`, `[null, 7]` -> `7`. */
export function formatShape(shape: Shape | null | undefined): string {
  if (!shape) return '?';
  return shape
    .slice(1)
    .map((d) => (d === null ? '?' : String(d)))
    .join('x');
}

/** A large count in short form: 950 -> `950`, 12_300 -> `12.3k`, 4_560_000 -> `4.56M`, 7.1e9 -> `7.1G`. */
export function formatCompact(n: number): string {
  const abs = Math.abs(n);
  const fmt = (v: number, unit: string) => `${Number(v.toPrecision(3))}${unit}`;
  if (abs >= 1e9) return fmt(n / 1e9, 'G');
  if (abs >= 1e6) return fmt(n / 1e6, 'M');
  if (abs >= 1e4) return fmt(n / 1e3, 'k');
  return formatCount(n);
}

/** Bytes in binary units: 1536 -> `1.5 KiB`, 3_145_728 -> `3 MiB`. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? v : Number(v.toPrecision(3))} ${units[u]}`;
}

/** A learning rate or other small setting without float noise: 0.001 -> `0.001`, 1e-5 -> `0.00001`. */
export function formatSetting(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  return Number(v.toPrecision(6)).toString().replace(/^(\d)e-(\d+)$/, (_, d: string, e: string) => `0.${'0'.repeat(Number(e) - 1)}${d}`);
}
