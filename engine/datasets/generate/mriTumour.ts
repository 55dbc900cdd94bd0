import type { Rng } from '../rng';
import { RadialShape, randomHarmonics } from './shape';

/** Tumour types, numbered as the segmentation mask classes of graph/tasks.ts (0 = background). */
export const GLIOMA = 1;
export const MENINGIOMA = 2;
export const PITUITARY = 3;
export type TumourType = typeof GLIOMA | typeof MENINGIOMA | typeof PITUITARY;

/** Share of tumours drawn to resemble another class (or nothing): what keeps 100% out of reach. */
export const ATYPICAL_FRACTION = 0.1;

/**
 * A tumour in brain coordinates (the brain outline has radius about 1; x to the patient's left on screen,
 * y toward the back of the head) and slice level z (0 skull base .. 1 vertex). It is roughly a ball of
 * radius r3 around (cx, cy, cz); a slice at level z cuts a disc of radius sqrt(r3^2 - (z - cz)^2).
 */
export interface Tumour {
  type: TumourType;
  cx: number;
  cy: number;
  cz: number;
  r3: number;
  /** Outline (radius 1; scaled by the slice's cross-section radius). */
  shape: RadialShape;
  /** Glioma: surrounding oedema outline, as a multiple of the tumour outline. */
  oedema: RadialShape | null;
  /** Glioma: ring-enhancing with a necrotic centre (else a diffuse, darker, non-enhancing mass). */
  enhancing: boolean;
  /** Glioma: necrotic centre as a fraction of the radius. */
  necrosis: number;
  /** Mean intensity of the solid part (0..1 before windowing). */
  brightness: number;
  /** Meningioma: the angle (radians) where it sits on the skull. */
  angle: number;
}

/**
 * A glioma: intra-axial (inside the brain, away from the skull and midline), irregular, usually ring-enhancing
 * with a dark necrotic centre and darker surrounding oedema.
 */
export function makeGlioma(rng: Rng): Tumour {
  const angle = rng.uniform(0, Math.PI * 2);
  // A few gliomas sit at the brain surface with solid enhancement and look much like a meningioma.
  const mimic = rng.bool(ATYPICAL_FRACTION);
  const r3 = rng.uniform(0.14, 0.32);
  const dist = mimic ? 0.95 - r3 * 0.8 : rng.uniform(0.28, 0.6);
  let cx = dist * Math.cos(angle);
  // Keep it in one hemisphere: gliomas rarely sit on the midline in these slices.
  if (Math.abs(cx) < 0.18) cx = Math.sign(cx || 1) * 0.18;
  return {
    type: GLIOMA,
    cx,
    cy: dist * Math.sin(angle),
    cz: rng.uniform(0.35, 0.8),
    r3,
    shape: new RadialShape(1, randomHarmonics(rng, 0.18, 0.07, 10)),
    oedema: rng.bool(mimic ? 0.3 : 0.85) ? new RadialShape(rng.uniform(1.4, 2.1), randomHarmonics(rng, 0.25, 0.08, 8)) : null,
    enhancing: mimic || rng.bool(0.72),
    necrosis: mimic ? 0 : rng.uniform(0.45, 0.7),
    brightness: rng.uniform(0.72, 0.92),
    angle,
  };
}

/**
 * A meningioma: extra-axial, round, evenly bright, its base on the inner table of the skull (convexity,
 * parasagittal or along the skull base), pressing into the brain with a thin dark CSF cleft around it.
 */
export function makeMeningioma(rng: Rng): Tumour {
  // Anterior and parasagittal sites are the common ones; angles measured on screen, -pi/2 = front.
  const angle = rng.bool(0.35) ? -Math.PI / 2 + rng.uniform(-0.6, 0.6) : rng.uniform(0, Math.PI * 2);
  const r3 = rng.uniform(0.13, 0.3);
  // Atypical meningiomas: irregular outline and oedema, easy to take for a glioma.
  const atypical = rng.bool(ATYPICAL_FRACTION);
  // The centre sits just inside the inner skull edge so that the skull cuts off its outer part.
  const depth = 1 - r3 * rng.uniform(0.35, 0.75);
  return {
    type: MENINGIOMA,
    cx: depth * Math.cos(angle),
    cy: depth * Math.sin(angle),
    cz: rng.uniform(0.3, 0.85),
    r3,
    shape: new RadialShape(1, randomHarmonics(rng, atypical ? 0.2 : 0.05, atypical ? 0.06 : 0.01, atypical ? 10 : 5)),
    oedema: rng.bool(atypical ? 0.8 : 0.25) ? new RadialShape(rng.uniform(1.3, 1.6), randomHarmonics(rng, 0.2, 0.05, 6)) : null,
    enhancing: true,
    necrosis: 0,
    brightness: rng.uniform(0.78, 0.95),
    angle,
  };
}

/** A pituitary adenoma: small, bright, round, at the midline near the skull base (sella turcica). */
export function makePituitary(rng: Rng): Tumour {
  // Microadenomas are barely bigger than the normal gland every slice at this level shows.
  const micro = rng.bool(ATYPICAL_FRACTION);
  return {
    type: PITUITARY,
    cx: rng.uniform(-0.03, 0.03),
    cy: rng.uniform(-0.2, -0.1),
    cz: rng.uniform(0.08, 0.14),
    r3: micro ? rng.uniform(0.05, 0.075) : rng.uniform(0.09, 0.17),
    shape: new RadialShape(1, randomHarmonics(rng, 0.08, 0.02, 6)),
    oedema: null,
    enhancing: true,
    necrosis: 0,
    brightness: rng.uniform(0.7, 0.9),
    angle: -Math.PI / 2,
  };
}

/** Cross-section radius of the tumour in a slice at level z (0 when the slice misses it). */
export function sliceRadius(t: Tumour, z: number): number {
  const dz = z - t.cz;
  return t.r3 * t.r3 > dz * dz ? Math.sqrt(t.r3 * t.r3 - dz * dz) : 0;
}
