import type { Rng } from '../rng';

const SIZE = 64;
const MASK = SIZE - 1;

/**
 * Smooth 2-D value noise on a periodic 64x64 lattice: `at(x, y)` is in [0, 1], varies over about one unit,
 * and wraps every 64 units. Cheap (one bilinear lookup), so generators can afford several per pixel.
 * Texture is sampled in the object's own coordinates so every view of a lesion or patient shows the same
 * texture, moved with it.
 */
export class ValueNoise {
  private readonly grid = new Float32Array(SIZE * SIZE);

  constructor(rng: Rng) {
    for (let i = 0; i < this.grid.length; i++) this.grid[i] = rng.next();
  }

  /** Noise value in [0, 1] at (x, y) in lattice units. */
  at(x: number, y: number): number {
    const xf = Math.floor(x);
    const yf = Math.floor(y);
    let fx = x - xf;
    let fy = y - yf;
    fx = fx * fx * (3 - 2 * fx);
    fy = fy * fy * (3 - 2 * fy);
    const x0 = xf & MASK;
    const y0 = yf & MASK;
    const x1 = (x0 + 1) & MASK;
    const y1 = (y0 + 1) & MASK;
    const g = this.grid;
    const a = g[y0 * SIZE + x0];
    const b = g[y0 * SIZE + x1];
    const c = g[y1 * SIZE + x0];
    const d = g[y1 * SIZE + x1];
    const top = a + (b - a) * fx;
    const bottom = c + (d - c) * fx;
    return top + (bottom - top) * fy;
  }

  /** Sum of `octaves` layers, each twice the frequency and half the weight; normalised to [0, 1]. */
  fbm(x: number, y: number, octaves: number): number {
    let sum = 0;
    let weight = 1;
    let norm = 0;
    let f = 1;
    for (let o = 0; o < octaves; o++) {
      // The offset decorrelates octaves that would otherwise share lattice points at the origin.
      sum += weight * this.at(x * f + o * 17.3, y * f + o * 9.1);
      norm += weight;
      weight *= 0.5;
      f *= 2;
    }
    return sum / norm;
  }
}

/** Hermite smoothstep: 0 below e0, 1 above e1, smooth between. */
export function smoothstep(e0: number, e1: number, x: number): number {
  const t = (x - e0) / (e1 - e0);
  // The saturated ends return integer constants: most calls land there, and a small integer needs no
  // heap allocation when the call is not inlined into a big per-pixel loop.
  if (t <= 0) return 0;
  if (t >= 1) return 1;
  return t * t * (3 - 2 * t);
}

/** Clamp to [lo, hi]. */
export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}
