import type { Rng } from '../rng';

const N = 256;
const TWO_PI = Math.PI * 2;

/** One Fourier term of a radial outline: amplitude (fraction of the radius), frequency k, phase. */
export interface Harmonic {
  k: number;
  amp: number;
  phase: number;
}

/**
 * A closed blob outline as radius(angle) = radius * (1 + sum amp_k cos(k angle + phase_k)), tabulated at 256
 * angles. Low k make it oval or lopsided (asymmetry), high k make it notched (irregular border).
 */
export class RadialShape {
  private readonly table = new Float32Array(N + 1);

  constructor(readonly radius: number, harmonics: readonly Harmonic[]) {
    for (let i = 0; i <= N; i++) {
      const a = (i / N) * TWO_PI;
      let m = 1;
      for (const h of harmonics) m += h.amp * Math.cos(h.k * a + h.phase);
      // Never let a notch pinch the outline to nothing.
      this.table[i] = radius * Math.max(0.25, m);
    }
  }

  /** Outline radius at angle (radians, any range). */
  radiusAt(angle: number): number {
    let t = (angle / TWO_PI) * N;
    t -= Math.floor(t / N) * N;
    const i = Math.floor(t);
    const f = t - i;
    return this.table[i] + (this.table[i + 1] - this.table[i]) * f;
  }

  /** Distance of (x, y) from the centre relative to the outline there: < 1 inside, 1 on the edge. */
  relative(x: number, y: number): number {
    const d = Math.sqrt(x * x + y * y);
    if (d === 0) return 0;
    return d / this.radiusAt(Math.atan2(y, x));
  }
}

/**
 * Random harmonics: k = 2..3 with amplitude up to `low` (overall oval/lopsided shape), k = 4..maxK with
 * amplitude up to `high` falling as 1/sqrt(k) (border irregularity), and a k = 1 term of up to `low`/2.
 */
export function randomHarmonics(rng: Rng, low: number, high: number, maxK = 12): Harmonic[] {
  const out: Harmonic[] = [{ k: 1, amp: rng.uniform(0, low / 2), phase: rng.uniform(0, TWO_PI) }];
  for (let k = 2; k <= 3; k++) out.push({ k, amp: rng.uniform(0, low), phase: rng.uniform(0, TWO_PI) });
  for (let k = 4; k <= maxK; k++) out.push({ k, amp: (rng.uniform(0, high) * 2) / Math.sqrt(k), phase: rng.uniform(0, TWO_PI) });
  return out;
}
