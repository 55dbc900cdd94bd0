import type { Rng } from '../rng';
import { RadialShape, randomHarmonics } from './shape';
import type { Tumour } from './mriTumour';

/**
 * One synthetic patient's head: outline, layer thicknesses, tissue intensities (T1 with contrast, the
 * weighting of most Brain Tumor MRI Dataset images: fat bright, white matter brighter than grey, CSF dark),
 * ventricle size, and the tumour if any. Coordinates: local units (image half-width = 1 at zoom 1), y
 * toward the back of the head, so the face is at the top of the image as radiologists show it.
 */
export interface Patient {
  /** Head half-width and half-length at the widest level. */
  ax: number;
  ay: number;
  /** Head outline, radius 1 with small irregularities. */
  head: RadialShape;
  /** Layer thicknesses as fractions of the head radius, outside in. */
  scalp: number;
  skull: number;
  gap: number;
  ventricles: number;
  /** Number of gyri around the brain (sulci cross the cortex about twice as often). */
  gyri: number;
  gm: number;
  wm: number;
  csf: number;
  fat: number;
  bone: number;
  noiseOffset: readonly [number, number];
  tumour: Tumour | null;
}

/** A random head with normal anatomy; the caller attaches the tumour. */
export function makePatient(rng: Rng): Patient {
  const ax = rng.uniform(0.68, 0.78);
  return {
    ax,
    ay: ax * rng.uniform(1.12, 1.28),
    head: new RadialShape(1, randomHarmonics(rng, 0.025, 0.004, 6)),
    scalp: rng.uniform(0.045, 0.075),
    skull: rng.uniform(0.04, 0.06),
    gap: rng.uniform(0.008, 0.02),
    ventricles: rng.uniform(0.7, 1.5),
    gyri: rng.uniform(11, 15),
    gm: rng.uniform(0.33, 0.4),
    wm: rng.uniform(0.55, 0.63),
    csf: rng.uniform(0.05, 0.1),
    fat: rng.uniform(0.62, 0.78),
    bone: rng.uniform(0.04, 0.09),
    noiseOffset: [rng.uniform(0, 64), rng.uniform(0, 64)],
    tumour: null,
  };
}

/**
 * Head size at slice level z (0 skull base .. 1 vertex), relative to the widest level: the skull narrows
 * toward the top like a dome and a little toward the base.
 */
export function headScale(z: number): number {
  if (z <= 0.45) return 0.9 + (0.1 * z) / 0.45;
  const t = (z - 0.45) / 0.62;
  return Math.sqrt(1 - t * t);
}

/**
 * How much of the lateral ventricles a slice shows: none near the base and the top, most at mid level.
 */
export function ventricleProfile(z: number): number {
  const t = (z - 0.5) / 0.22;
  return Math.max(0, 1 - t * t);
}

/** A rotated ellipse with its rotation precomputed, for per-pixel membership tests. */
export class Ellipse {
  private readonly c: number;
  private readonly s: number;

  constructor(readonly cx: number, readonly cy: number, readonly a: number, readonly b: number, rot: number) {
    this.c = Math.cos(rot);
    this.s = Math.sin(rot);
  }

  /** Soft membership: 1 inside, 0 outside, smooth over a relative edge half-width w. */
  weight(x: number, y: number, w: number): number {
    const dx = x - this.cx, dy = y - this.cy;
    const px = (this.c * dx + this.s * dy) / this.a;
    const py = (-this.s * dx + this.c * dy) / this.b;
    const d2 = px * px + py * py;
    const hi = 1 + w;
    if (d2 >= hi * hi) return 0;
    const lo = 1 - w;
    if (d2 <= lo * lo) return 1;
    const t = (Math.sqrt(d2) - lo) / (2 * w);
    return 1 - t * t * (3 - 2 * t);
  }
}
