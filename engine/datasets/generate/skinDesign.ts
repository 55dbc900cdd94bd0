import type { Rng } from '../rng';
import { RadialShape, randomHarmonics } from './shape';

/** An sRGB colour with components in [0, 1]. */
export type Rgb = readonly [number, number, number];

const rgb = (r: number, g: number, b: number): Rgb => [r / 255, g / 255, b / 255];

/** A Gaussian colour zone inside the lesion: weight falls as exp(-d^2 / r^2) from (u, v). */
export interface ColourZone {
  u: number;
  v: number;
  r: number;
  colour: Rgb;
  weight: number;
}

/** A dot, globule, cyst, nest or lacuna, in lesion coordinates. */
export interface Dot {
  u: number;
  v: number;
  r: number;
  colour: Rgb;
  alpha: number;
}

/** A vessel or streak segment, in lesion coordinates; width in lesion units. */
export interface Stroke {
  u0: number;
  v0: number;
  u1: number;
  v1: number;
  width: number;
  colour: Rgb;
  alpha: number;
}

/**
 * Everything that makes one lesion look the way it does, in lesion coordinates (image half-width = 1 at
 * zoom 1). The renderer (skin.ts) evaluates the body per pixel, then draws dots and strokes on top.
 */
export interface LesionDesign {
  shape: RadialShape;
  /** Edge half-width, as a fraction of the outline radius: small = sharp, large = ill-defined. */
  edge: number;
  /** Largest blend of the lesion over the skin. */
  opacity: number;
  base: Rgb;
  zones: ColourZone[];
  /** > 0: darker centre, < 0: lighter centre (fraction of brightness). */
  centreShade: number;
  /** Low-frequency brightness texture amplitude. */
  mottle: number;
  /** Pigment network (dark lines around pale holes); amplitude 0 = none; irregular 0..1 varies it in space. */
  network: { amp: number; freq: number; width: number; irregular: number };
  /** White keratin scale flakes: amplitude 0 = none. */
  scale: { amp: number; freq: number };
  dots: Dot[];
  strokes: Stroke[];
  /** Offsets into the shared texture noise, so each lesion gets its own texture. */
  noiseOffset: readonly [number, number];
}

const BROWN_LIGHT = rgb(172, 112, 72);
const BROWN_MID = rgb(124, 72, 44);
const BROWN_DARK = rgb(78, 44, 30);
const BLACK = rgb(34, 24, 24);
const BLUE_GREY = rgb(104, 112, 132);
const RED = rgb(185, 78, 80);
const WHITE_SCAR = rgb(236, 226, 220);

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

function jitter(rng: Rng, c: Rgb, sd: number): Rgb {
  const g = rng.normal(1, sd);
  return [c[0] * g * rng.normal(1, sd / 2), c[1] * g * rng.normal(1, sd / 2), c[2] * g * rng.normal(1, sd / 2)];
}

/** A random point inside radius `maxR` of the lesion centre (uniform over the disc). */
function inside(rng: Rng, maxR: number): [number, number] {
  const a = rng.uniform(0, Math.PI * 2);
  const d = maxR * Math.sqrt(rng.next());
  return [d * Math.cos(a), d * Math.sin(a)];
}

function blank(rng: Rng, shape: RadialShape, base: Rgb): LesionDesign {
  return {
    shape,
    edge: 0.1,
    opacity: 0.92,
    base,
    zones: [],
    centreShade: 0,
    mottle: 0.1,
    network: { amp: 0, freq: 1, width: 0.1, irregular: 0 },
    scale: { amp: 0, freq: 1 },
    dots: [],
    strokes: [],
    noiseOffset: [rng.uniform(0, 64), rng.uniform(0, 64)],
  };
}

/**
 * Melanocytic lesions (nv and mel) share one design driven by atypia a in [0, 1]: 0 is a textbook mole
 * (small, round, even brown, regular network), 1 a textbook melanoma (large, asymmetric, notched border,
 * several colours, irregular dots and streaks). Nevi and melanomas draw a from overlapping ranges, which
 * is what makes some cases genuinely ambiguous.
 */
export function melanocytic(rng: Rng, a: number): LesionDesign {
  const radius = rng.uniform(0.3, 0.42) + 0.28 * a;
  const shape = new RadialShape(radius, randomHarmonics(rng, 0.03 + 0.24 * a, 0.006 + 0.055 * a, 4 + Math.round(8 * a)));
  // Moles range from light tan to dark brown; melanomas are darker on average.
  const base = jitter(rng, mix(mix(rgb(186, 132, 92), BROWN_LIGHT, rng.next()), BROWN_DARK, rng.uniform(0, 0.55) + 0.3 * a), 0.06);
  const d = blank(rng, shape, base);
  d.edge = rng.uniform(0.08, 0.16) - 0.04 * a;
  d.centreShade = rng.uniform(-0.1, 0.3);
  d.mottle = 0.08 + 0.25 * a;
  d.network = { amp: rng.uniform(0.22, 0.38), freq: rng.uniform(6, 9) / radius, width: 0.1, irregular: a };
  // Extra colours appear with atypia: dark brown first, then black, blue-grey, red and white (regression).
  const palette: [Rgb, number][] = [
    [BROWN_DARK, 0.15 + a],
    [BLACK, Math.max(0, a - 0.3) * 1.4],
    [BLUE_GREY, Math.max(0, a - 0.4) * 1.4],
    [RED, Math.max(0, a - 0.5) * 0.9],
    [WHITE_SCAR, Math.max(0, a - 0.55) * 0.8],
  ];
  const zones = Math.round(a * 5 + rng.uniform(0, 1.2));
  for (let i = 0; i < zones; i++) {
    const colour = palette[rng.weighted(palette.map((p) => p[1]))][0];
    // Atypical lesions put their colours off-centre (asymmetry of colour, not just of outline).
    const [u, v] = inside(rng, radius * (0.15 + 0.6 * a));
    d.zones.push({ u, v, r: radius * rng.uniform(0.2, 0.5), colour: jitter(rng, colour, 0.05), weight: rng.uniform(1, 3) });
  }
  if (a < 0.45 && rng.bool(0.3)) {
    // Globular nevus: regular brown globules spread evenly.
    const n = 8 + rng.int(10);
    for (let i = 0; i < n; i++) {
      const [u, v] = inside(rng, radius * 0.8);
      d.dots.push({ u, v, r: radius * rng.uniform(0.05, 0.08), colour: BROWN_MID, alpha: 0.6 });
    }
  }
  const darkDots = Math.round(a * a * rng.uniform(4, 14));
  for (let i = 0; i < darkDots; i++) {
    // Irregular dots and globules crowd the periphery of melanomas.
    const ang = rng.uniform(0, Math.PI * 2);
    const rr = shape.radiusAt(ang) * rng.uniform(0.55, 1.0);
    d.dots.push({ u: rr * Math.cos(ang), v: rr * Math.sin(ang), r: radius * rng.uniform(0.03, 0.08), colour: BLACK, alpha: 0.8 });
  }
  if (a > 0.6 && rng.bool(0.5)) {
    // Streaks / pseudopods: radial dark lines at part of the border.
    const centre = rng.uniform(0, Math.PI * 2);
    const n = 2 + rng.int(4);
    for (let i = 0; i < n; i++) {
      const ang = centre + rng.uniform(-0.7, 0.7);
      const r0 = shape.radiusAt(ang) * 0.85;
      const r1 = shape.radiusAt(ang) * rng.uniform(1.05, 1.18);
      d.strokes.push({
        u0: r0 * Math.cos(ang), v0: r0 * Math.sin(ang), u1: r1 * Math.cos(ang), v1: r1 * Math.sin(ang),
        width: 0.035, colour: BROWN_DARK, alpha: 0.7,
      });
    }
  }
  return d;
}

/**
 * Benign keratosis, in its three HAM10000 forms: seborrhoeic keratosis (most: waxy light-mid brown, sharp
 * stuck-on edge, cerebriform ridges, milia-like white dots and comedo-like openings), solar lentigo (flat
 * light brown, moth-eaten border, faint fingerprint lines) and lichen-planus-like keratosis (pinkish-brown
 * with grey peppered granules).
 */
export function benignKeratosis(rng: Rng): LesionDesign {
  const form = rng.weighted([0.6, 0.28, 0.12]);
  const radius = rng.uniform(0.35, 0.7);
  if (form === 1) {
    const shape = new RadialShape(radius, randomHarmonics(rng, 0.15, 0.08, 14));
    const d = blank(rng, shape, jitter(rng, mix(rgb(196, 146, 104), BROWN_LIGHT, rng.uniform(0, 0.6)), 0.05));
    d.edge = rng.uniform(0.03, 0.07);
    d.opacity = 0.75;
    d.mottle = 0.15;
    d.network = { amp: 0.15, freq: rng.uniform(6, 9) / radius, width: 0.1, irregular: 0.4 };
    return d;
  }
  if (form === 2) {
    const shape = new RadialShape(radius, randomHarmonics(rng, 0.15, 0.04, 8));
    const d = blank(rng, shape, jitter(rng, rgb(188, 132, 118), 0.05));
    d.edge = rng.uniform(0.08, 0.16);
    d.opacity = 0.8;
    const granules = 15 + rng.int(20);
    for (let i = 0; i < granules; i++) {
      const [u, v] = inside(rng, radius * 0.85);
      d.dots.push({ u, v, r: rng.uniform(0.012, 0.025), colour: rgb(112, 108, 120), alpha: 0.7 });
    }
    return d;
  }
  const shape = new RadialShape(radius, randomHarmonics(rng, 0.12, 0.03, 8));
  const d = blank(rng, shape, jitter(rng, mix(rgb(182, 132, 90), BROWN_MID, rng.uniform(0, 0.55)), 0.06));
  d.edge = rng.uniform(0.015, 0.04);
  d.opacity = 0.95;
  d.mottle = 0.3;
  d.network = { amp: rng.uniform(0.2, 0.35), freq: rng.uniform(3, 5) / radius, width: 0.12, irregular: 0.3 };
  const milia = 2 + rng.int(7);
  for (let i = 0; i < milia; i++) {
    const [u, v] = inside(rng, radius * 0.8);
    d.dots.push({ u, v, r: rng.uniform(0.02, 0.045), colour: rgb(244, 238, 218), alpha: 0.85 });
  }
  const comedones = rng.int(5);
  for (let i = 0; i < comedones; i++) {
    const [u, v] = inside(rng, radius * 0.8);
    d.dots.push({ u, v, r: rng.uniform(0.02, 0.04), colour: rgb(72, 46, 32), alpha: 0.8 });
  }
  return d;
}

function vesselTree(rng: Rng, d: LesionDesign, u: number, v: number, ang: number, len: number, width: number, depth: number): void {
  const u1 = u + len * Math.cos(ang);
  const v1 = v + len * Math.sin(ang);
  d.strokes.push({ u0: u, v0: v, u1, v1, width, colour: rgb(192, 32, 46), alpha: 0.85 });
  if (depth <= 0) return;
  const kids = 1 + rng.int(2);
  for (let i = 0; i < kids; i++) {
    vesselTree(rng, d, u1, v1, ang + rng.uniform(-0.8, 0.8), len * rng.uniform(0.5, 0.75), width * 0.7, depth - 1);
  }
}

/** Basal cell carcinoma: pink-pearly, branching red vessels, blue-grey ovoid nests, sometimes an ulcer. */
export function basalCell(rng: Rng): LesionDesign {
  const radius = rng.uniform(0.35, 0.65);
  const shape = new RadialShape(radius, randomHarmonics(rng, 0.15, 0.05, 10));
  const d = blank(rng, shape, jitter(rng, rgb(236, 184, 182), 0.04));
  d.edge = rng.uniform(0.08, 0.15);
  d.opacity = 0.85;
  d.mottle = 0.08;
  d.zones.push({ u: 0, v: 0, r: radius * 0.6, colour: rgb(248, 228, 228), weight: rng.uniform(0.3, 1) });
  const trees = 2 + rng.int(3);
  for (let i = 0; i < trees; i++) {
    const [u, v] = inside(rng, radius * 0.7);
    vesselTree(rng, d, u, v, rng.uniform(0, Math.PI * 2), radius * rng.uniform(0.3, 0.5), rng.uniform(0.016, 0.026), 3);
  }
  const nests = 1 + rng.int(4);
  for (let i = 0; i < nests; i++) {
    // Ovoid nests: a short chain of overlapping soft discs along a random axis.
    const [u, v] = inside(rng, radius * 0.7);
    const ang = rng.uniform(0, Math.PI);
    const r = radius * rng.uniform(0.08, 0.15);
    const colour = jitter(rng, BLUE_GREY, 0.05);
    for (let k = -1; k <= 1; k++) {
      d.dots.push({ u: u + k * r * Math.cos(ang), v: v + k * r * Math.sin(ang), r: r * (k === 0 ? 1 : 0.8), colour, alpha: 0.6 });
    }
  }
  if (rng.bool(0.25)) {
    const [u, v] = inside(rng, radius * 0.4);
    d.dots.push({ u, v, r: radius * rng.uniform(0.12, 0.25), colour: rgb(112, 42, 32), alpha: 0.85 });
  }
  return d;
}

/** Actinic keratosis / Bowen: red-pink scaly patch, white scale, ill-defined border, follicle dots. */
export function actinicKeratosis(rng: Rng): LesionDesign {
  const radius = rng.uniform(0.45, 0.8);
  const shape = new RadialShape(radius, randomHarmonics(rng, 0.2, 0.06, 8));
  const pigmented = rng.bool(0.2);
  const d = blank(rng, shape, jitter(rng, pigmented ? rgb(176, 108, 90) : rgb(218, 116, 112), 0.05));
  d.edge = rng.uniform(0.3, 0.5);
  d.opacity = 0.85;
  d.mottle = 0.18;
  d.scale = { amp: rng.uniform(0.4, 0.7), freq: rng.uniform(2.5, 4) / radius };
  // "Strawberry" pattern: pale follicle openings on a red background, roughly evenly spaced.
  const step = radius * rng.uniform(0.18, 0.26);
  for (let u = -radius; u <= radius; u += step) {
    for (let v = -radius; v <= radius; v += step) {
      const uu = u + rng.uniform(-0.3, 0.3) * step;
      const vv = v + rng.uniform(-0.3, 0.3) * step;
      if (shape.relative(uu, vv) < 0.85) d.dots.push({ u: uu, v: vv, r: step * 0.16, colour: rgb(240, 222, 214), alpha: 0.4 });
    }
  }
  return d;
}

/** Vascular lesion: red-purple round lacunae separated by pale septa, sharp edge. */
export function vascular(rng: Rng): LesionDesign {
  const radius = rng.uniform(0.25, 0.5);
  const shape = new RadialShape(radius, randomHarmonics(rng, 0.08, 0.02, 6));
  const d = blank(rng, shape, jitter(rng, rgb(196, 112, 128), 0.05));
  d.edge = rng.uniform(0.04, 0.08);
  d.opacity = 0.95;
  const hues: Rgb[] = [rgb(168, 30, 52), rgb(122, 34, 96), rgb(92, 22, 48), rgb(186, 52, 70)];
  const bias = rng.int(hues.length);
  const placed: Dot[] = [];
  for (let tries = 0; tries < 90 && placed.length < 30; tries++) {
    const r = radius * rng.uniform(0.1, 0.26);
    const [u, v] = inside(rng, Math.max(0, radius - r) * 0.95);
    // Lacunae touch but barely overlap: the pale septa between them are part of the pattern.
    if (placed.some((p) => Math.hypot(p.u - u, p.v - v) < (p.r + r) * 0.8)) continue;
    placed.push({ u, v, r, colour: jitter(rng, hues[rng.bool(0.5) ? bias : rng.int(hues.length)], 0.06), alpha: 0.92 });
  }
  d.dots.push(...placed);
  return d;
}

/** Dermatofibroma: small brown lesion, delicate peripheral network, central white scar-like patch. */
export function dermatofibroma(rng: Rng): LesionDesign {
  const radius = rng.uniform(0.24, 0.4);
  const shape = new RadialShape(radius, randomHarmonics(rng, 0.1, 0.02, 6));
  const d = blank(rng, shape, jitter(rng, mix(BROWN_LIGHT, BROWN_MID, rng.uniform(0.1, 0.6)), 0.06));
  d.edge = rng.uniform(0.15, 0.25);
  d.opacity = 0.9;
  d.network = { amp: 0.25, freq: rng.uniform(8, 11) / radius, width: 0.1, irregular: 0.2 };
  // The scar: a few overlapping pale patches, so it is irregular rather than a round highlight.
  const patches = 2 + rng.int(3);
  for (let i = 0; i < patches; i++) {
    const [u, v] = inside(rng, radius * 0.25);
    d.zones.push({ u, v, r: radius * rng.uniform(0.14, 0.26), colour: WHITE_SCAR, weight: rng.uniform(1.5, 3) });
  }
  return d;
}
