import { TASK_CATALOGUE } from '../catalogue';
import { createRng, type Rng } from '../rng';
import type { Dataset } from '../types';
import { clamp, smoothstep, ValueNoise } from './noise';
import { planImages } from './plan';
import { addNoise, createRaster, drawDisc, drawSegment, gaussianBlur, writeBytes, type Raster } from './raster';
import {
  actinicKeratosis, basalCell, benignKeratosis, dermatofibroma, melanocytic, vascular, type LesionDesign, type Rgb,
} from './skinDesign';
import type { GenerateOptions } from './options';
import { apply, localToPixel, pixelToLocal, randomView, type View } from './view';

/** Class order of graph/tasks.ts: akiec, bcc, bkl, df, mel, nv, vasc. */
const AKIEC = 0, BCC = 1, BKL = 2, DF = 3, MEL = 4, NV = 5, VASC = 6;

/** Share of nevi drawn atypical and of melanomas drawn featureless: the cases no model can get all right. */
export const AMBIGUOUS_FRACTION = 0.15;

/** Weights for 1, 2, 3, 4 images per lesion (HAM10000 has 10,015 images of 7,470 lesions; ours ~1.6). */
const VIEWS_PER_LESION = [0.55, 0.28, 0.12, 0.05];

/** The skin and lighting of one lesion's photographs: everything but the lesion. */
interface Surround {
  skin: Rgb;
  hairs: { points: [number, number][]; width: number; colour: Rgb }[];
}

function designFor(cls: number, rng: Rng): LesionDesign {
  switch (cls) {
    case NV:
      return melanocytic(rng, rng.bool(AMBIGUOUS_FRACTION) ? rng.uniform(0.4, 0.75) : rng.uniform(0, 0.35));
    case MEL:
      return melanocytic(rng, rng.bool(AMBIGUOUS_FRACTION) ? rng.uniform(0.2, 0.5) : rng.uniform(0.5, 1));
    case BKL:
      return benignKeratosis(rng);
    case BCC:
      return basalCell(rng);
    case AKIEC:
      return actinicKeratosis(rng);
    case VASC:
      return vascular(rng);
    case DF:
      return dermatofibroma(rng);
    default:
      throw new Error(`No skin design for class ${cls}.`);
  }
}

const SKIN_TONES: Rgb[] = [
  [238 / 255, 196 / 255, 182 / 255],
  [228 / 255, 174 / 255, 156 / 255],
  [216 / 255, 160 / 255, 140 / 255],
  [232 / 255, 178 / 255, 176 / 255],
  [202 / 255, 142 / 255, 118 / 255],
];

function surroundFor(rng: Rng): Surround {
  const t = rng.choice(SKIN_TONES);
  const g = rng.normal(1, 0.04);
  const skin: Rgb = [t[0] * g, t[1] * g * rng.normal(1, 0.02), t[2] * g * rng.normal(1, 0.03)];
  const hairCount = [0, 0, 0, 0, 0, 1, 1, 2, 4, 7][rng.int(10)];
  const hairs: Surround['hairs'] = [];
  for (let i = 0; i < hairCount; i++) {
    // A gently curved hair: quadratic Bezier through the field, in lesion coordinates.
    const x0 = rng.uniform(-1.5, 1.5), y0 = rng.uniform(-1.5, 1.5);
    const ang = rng.uniform(0, Math.PI * 2);
    const len = rng.uniform(0.6, 2.6);
    const x2 = x0 + len * Math.cos(ang), y2 = y0 + len * Math.sin(ang);
    const bend = rng.uniform(-0.3, 0.3) * len;
    const x1 = (x0 + x2) / 2 - bend * Math.sin(ang), y1 = (y0 + y2) / 2 + bend * Math.cos(ang);
    const points: [number, number][] = [];
    for (let s = 0; s <= 10; s++) {
      const t2 = s / 10;
      const a = (1 - t2) * (1 - t2), b = 2 * t2 * (1 - t2), c = t2 * t2;
      points.push([a * x0 + b * x1 + c * x2, a * y0 + b * y1 + c * y2]);
    }
    const dark = rng.uniform(0.1, 0.25);
    hairs.push({ points, width: rng.uniform(0.007, 0.015), colour: [dark, dark * 0.75, dark * 0.65] });
  }
  return { skin, hairs };
}

/** Shared texture noise, made once per dataset; each lesion samples it at its own offset. */
export interface SkinNoise {
  mottle: ValueNoise;
  network: ValueNoise;
  detail: ValueNoise;
}

/** Texture sources for renderSkin, from a seed. */
export function skinNoise(rng: Rng): SkinNoise {
  return { mottle: new ValueNoise(rng), network: new ValueNoise(rng), detail: new ValueNoise(rng) };
}

/**
 * Render one dermatoscopic view of a lesion into an RGB raster of size x size: skin with mottling, the lesion
 * body (outline, colour zones, network, scale), dots and vessels, hairs, illumination, vignette, blur, noise.
 * `rng` draws only this view's randomness (lighting, vignette, noise). `reuse`, a raster returned earlier,
 * is overwritten instead of allocating a new one.
 */
export function renderSkin(
  design: LesionDesign, surround: Surround, view: View, size: number, noise: SkinNoise, rng: Rng, reuse?: Raster,
): Raster {
  // Every pixel is written below, so a reused raster needs no clearing.
  const r = reuse && reuse.width === size ? reuse : createRaster(size, size, 3);
  const inv = pixelToLocal(view, size, size);
  const fwd = localToPixel(view, size, size);
  const pxPerLocal = (view.scale * size) / 2;
  const [ox, oy] = design.noiseOffset;
  const { shape, edge } = design;
  const skin = surround.skin;
  const d = r.data;
  const c = new Float64Array(3);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const u = inv.xx * (px + 0.5) + inv.xy * (py + 0.5) + inv.x0;
      const v = inv.yx * (px + 0.5) + inv.yy * (py + 0.5) + inv.y0;
      // Skin: slow blotchy variation in brightness and redness.
      const sm = noise.mottle.fbm(u * 1.5 + ox, v * 1.5 + oy, 2) - 0.5;
      const red = noise.detail.at(u * 2 + oy, v * 2 + ox) - 0.5;
      c[0] = skin[0] * (1 + 0.12 * sm + 0.06 * red);
      c[1] = skin[1] * (1 + 0.12 * sm - 0.04 * red);
      c[2] = skin[2] * (1 + 0.12 * sm - 0.02 * red);
      const rel = shape.relative(u, v);
      if (rel < 1 + edge) blendLesion(design, noise, u, v, rel, c);
      const o = (py * size + px) * 3;
      d[o] = c[0]; d[o + 1] = c[1]; d[o + 2] = c[2];
    }
  }
  for (const dot of design.dots) {
    const [x, y] = apply(fwd, dot.u, dot.v);
    drawDisc(r, x, y, dot.r * pxPerLocal, dot.colour, dot.alpha, Math.max(1, dot.r * pxPerLocal * 0.5));
  }
  for (const s of design.strokes) {
    const [x0, y0] = apply(fwd, s.u0, s.v0);
    const [x1, y1] = apply(fwd, s.u1, s.v1);
    drawSegment(r, x0, y0, x1, y1, s.width * pxPerLocal, s.colour, s.alpha);
  }
  for (const hair of surround.hairs) {
    for (let i = 1; i < hair.points.length; i++) {
      const [x0, y0] = apply(fwd, hair.points[i - 1][0], hair.points[i - 1][1]);
      const [x1, y1] = apply(fwd, hair.points[i][0], hair.points[i][1]);
      drawSegment(r, x0, y0, x1, y1, hair.width * size, hair.colour, 0.85);
    }
  }
  finishPhotograph(r, rng);
  return r;
}

/**
 * Blend the lesion body over the skin colour c (in place) at lesion coordinates (u, v), relative radius rel:
 * colour zones, centre shading, mottling, pigment network and scale. A function of its own so V8 inlines
 * the noise lookups into it (in the pixel loop they would not fit its inlining budget).
 */
function blendLesion(design: LesionDesign, noise: SkinNoise, u: number, v: number, rel: number, c: Float64Array): void {
  const { edge, opacity, base, zones, centreShade, mottle, network, scale } = design;
  const [ox, oy] = design.noiseOffset;
  const alpha = opacity * (1 - smoothstep(1 - edge, 1 + edge, rel));
  let lr = base[0], lg = base[1], lb = base[2];
  if (zones.length > 0) {
    let wsum = 1;
    for (const z of zones) {
      const du = u - z.u, dv = v - z.v;
      const w = z.weight * Math.exp(-(du * du + dv * dv) / (z.r * z.r));
      lr += w * z.colour[0];
      lg += w * z.colour[1];
      lb += w * z.colour[2];
      wsum += w;
    }
    lr /= wsum; lg /= wsum; lb /= wsum;
  }
  let shade = 1 - centreShade * (1 - Math.min(1, rel));
  shade *= 1 + mottle * (noise.mottle.fbm(u * 6 + ox, v * 6 + oy, 2) - 0.5) * 2;
  if (network.amp > 0) {
    const n = noise.network.at(u * network.freq + ox, v * network.freq + oy);
    const line = 1 - smoothstep(0, network.width, Math.abs(n - 0.5));
    const irregular = 1 + network.irregular * (noise.detail.at(u * 3 + ox, v * 3 + oy) - 0.5) * 2;
    shade *= 1 - network.amp * line * irregular;
  }
  lr *= shade; lg *= shade; lb *= shade;
  if (scale.amp > 0) {
    const s = noise.detail.fbm(u * scale.freq + oy, v * scale.freq + ox, 2);
    const flake = scale.amp * smoothstep(0.55, 0.72, s);
    lr += (0.93 - lr) * flake; lg += (0.9 - lg) * flake; lb += (0.86 - lb) * flake;
  }
  c[0] += (lr - c[0]) * alpha;
  c[1] += (lg - c[1]) * alpha;
  c[2] += (lb - c[2]) * alpha;
}

/** Lighting, dermatoscope vignette, optics blur, sensor noise and white-balance jitter of one photograph. */
function finishPhotograph(r: Raster, rng: Rng): void {
  const size = r.width;
  const d = r.data;
  const gAng = rng.uniform(0, Math.PI * 2);
  const gAmp = rng.uniform(0, 0.14);
  const gx = Math.cos(gAng) * gAmp, gy = Math.sin(gAng) * gAmp;
  const hasVignette = rng.bool(0.75);
  const vr = rng.uniform(0.92, 1.4);
  const vw = rng.uniform(0.04, 0.18);
  const vs = hasVignette ? rng.uniform(0.75, 1) : rng.uniform(0, 0.3);
  const wb: Rgb = [rng.normal(1, 0.03), rng.normal(1, 0.03), rng.normal(1, 0.03)];
  const bright = rng.normal(1, 0.05);
  for (let py = 0; py < size; py++) {
    const y = ((py + 0.5) / size) * 2 - 1;
    for (let px = 0; px < size; px++) {
      const x = ((px + 0.5) / size) * 2 - 1;
      const rr = Math.sqrt(x * x + y * y);
      const light = bright * (1 + gx * x + gy * y + 0.06 * (1 - rr * rr)) * (1 - vs * smoothstep(vr - vw, vr + vw, rr));
      const o = (py * size + px) * 3;
      d[o] = clamp(d[o] * light * wb[0], 0, 1.2);
      d[o + 1] = clamp(d[o + 1] * light * wb[1], 0, 1.2);
      d[o + 2] = clamp(d[o + 2] * light * wb[2], 0, 1.2);
    }
  }
  gaussianBlur(r, (rng.uniform(0.35, 0.75) * size) / 64);
  addNoise(r, rng.uniform(0.008, 0.025), rng);
}

/**
 * Generate the skin-lesion dataset (HAM10000-like): `count` RGB images of size x size, class counts in
 * HAM10000 proportions, 1-4 views per lesion with the lesion id in `groups`.
 */
export function generateSkin(opts: Required<Pick<GenerateOptions, 'count' | 'size' | 'seed'>> & GenerateOptions): Dataset {
  const { count, size, seed } = opts;
  const entry = TASK_CATALOGUE['skin-lesions'];
  const root = createRng(`skin-lesions:${seed}`);
  const plan = planImages(entry.frequencies, count, VIEWS_PER_LESION, root.fork('plan'));
  const noise = skinNoise(root.fork('noise'));
  const pixels = size * size * 3;
  const images = new Uint8Array(count * pixels);
  const labels = new Int32Array(count);
  const groups: string[] = [];
  const ids: string[] = [];
  let design: LesionDesign | null = null;
  let surround: Surround | null = null;
  let lesionRng: Rng = root;
  let raster: Raster | undefined;
  for (let i = 0; i < count; i++) {
    const item = plan.images[i];
    if (item.view === 0) {
      lesionRng = root.fork(`lesion:${item.group}`);
      design = designFor(item.classIndex, lesionRng.fork('design'));
      surround = surroundFor(lesionRng.fork('surround'));
    }
    const viewRng = lesionRng.fork(`view:${item.view}`);
    const view = randomView(viewRng, { angle: [0, Math.PI * 2], flip: true, scale: [0.85, 1.2], shift: 0.1 });
    raster = renderSkin(design as LesionDesign, surround as Surround, view, size, noise, viewRng, raster);
    writeBytes(raster, images, i * pixels);
    labels[i] = item.classIndex;
    const lesion = `L${String(item.group).padStart(6, '0')}`;
    groups.push(lesion);
    ids.push(`${lesion}_${item.view + 1}`);
    if (opts.onProgress && (i % 50 === 49 || i === count - 1)) opts.onProgress(i + 1, count, 'Generating skin lesions');
  }
  return {
    taskId: 'skin-lesions',
    kind: 'classification',
    classes: entry.classes.map((c) => c.name),
    height: size,
    width: size,
    channels: 3,
    count,
    images,
    labels,
    groups,
    ids,
    source: 'generated',
    credit: entry.credit,
  };
}
