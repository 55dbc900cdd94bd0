import type { Rng } from '../rng';
import { Ellipse, headScale, ventricleProfile, type Patient } from './mriAnatomy';
import { GLIOMA, MENINGIOMA, PITUITARY, sliceRadius, type Tumour } from './mriTumour';
import { smoothstep, type ValueNoise } from './noise';
import { SkullBase } from './mriSkullBase';
import { createRaster, gaussianBlur, randomWords, type Raster } from './raster';
import { RadialShape } from './shape';
import { pixelToLocal, type View } from './view';

/** Shared texture noise for MRI, made once per dataset; each patient samples it at its own offset. */
export interface MriNoise {
  a: ValueNoise;
  b: ValueNoise;
  c: ValueNoise;
}

/** One rendered slice: the image (one channel, values ~0..1) and the tumour type per pixel (0 = none). */
export interface MriSlice {
  raster: Raster;
  mask: Uint8Array;
}

const LUT_SIZE = 256;
const lutBuffer = new Float32Array(LUT_SIZE + 1);

/** Windowing curve x^gamma over [0, 2) in a table (filled in place: one table serves every slice). */
function gammaTable(gamma: number): Float32Array {
  for (let j = 0; j <= LUT_SIZE; j++) lutBuffer[j] = Math.pow((j / LUT_SIZE) * 2, gamma);
  return lutBuffer;
}

/** Relative edge half-width of the ventricles: their walls are a little soft at these resolutions. */
const VENTRICLE_EDGE = 0.18;

const CISTERN = new RadialShape(1, [{ k: 5, amp: 0.22, phase: Math.PI / 2 }]);

/** Deep structures of a slice, which move together when a mass pushes them across the midline. */
function deepStructures(p: Patient, z: number): { ventricles: Ellipse[]; nuclei: Ellipse[]; plexus: Ellipse[] } {
  const vz = ventricleProfile(z) * p.ventricles;
  const ventricles: Ellipse[] = [];
  const plexus: Ellipse[] = [];
  if (vz > 0.05) {
    for (const s of [-1, 1]) {
      // Frontal horns and bodies, diverging toward the front; atria and occipital horns behind.
      ventricles.push(new Ellipse(s * (0.06 + 0.02 * vz), -0.14, 0.03 + 0.035 * vz, 0.08 + 0.08 * vz, s * 0.45));
      ventricles.push(new Ellipse(s * (0.065 + 0.015 * vz), 0.02, 0.025 + 0.03 * vz, 0.1 + 0.1 * vz, s * 0.08));
      ventricles.push(new Ellipse(s * 0.12, 0.22, 0.03 + 0.03 * vz, 0.05 + 0.07 * vz, -s * 0.45));
      plexus.push(new Ellipse(s * 0.12, 0.22, 0.02, 0.035, -s * 0.45));
    }
  }
  const gz = Math.max(0, 1 - ((z - 0.42) / 0.16) ** 2);
  const nuclei: Ellipse[] = [];
  if (gz > 0.05) {
    for (const s of [-1, 1]) {
      nuclei.push(new Ellipse(s * 0.25, -0.04, 0.07 * gz + 0.01, 0.14 * gz + 0.02, s * 0.2));
      nuclei.push(new Ellipse(s * 0.1, 0.12, 0.07 * gz + 0.01, 0.09 * gz + 0.02, 0));
    }
  }
  return { ventricles, nuclei, plexus };
}

/**
 * Render one axial slice at level z (0 skull base .. 1 vertex) of a patient, seen through `view`, into a
 * size x size single-channel raster, with the exact tumour mask from the same geometry (a pixel is tumour
 * when its centre lies inside the tumour outline, inside the skull). `rng` draws the scanner effects (bias
 * field, blur, Rician-like noise, windowing), so the raster is final apart from quantising to bytes.
 * `reuse`, a slice returned earlier, is overwritten instead of allocating new buffers.
 */
export function renderMriSlice(
  p: Patient, z: number, view: View, size: number, noise: MriNoise, rng: Rng, reuse?: MriSlice,
): MriSlice {
  // Generating thousands of slices, reusing the buffers spares the garbage collector most of its work.
  const raster = reuse && reuse.raster.width === size ? reuse.raster : createRaster(size, size, 1);
  const mask = reuse && reuse.mask.length === size * size ? reuse.mask : new Uint8Array(size * size);
  raster.data.fill(0);
  mask.fill(0);
  const d = raster.data;
  const inv = pixelToLocal(view, size, size);
  const s = new SliceRenderer(p, z, view, size, noise, mask);
  const { ax, ay, e, brainEdge, t } = s;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const i = py * size + px;
      const u = inv.xx * (px + 0.5) + inv.xy * (py + 0.5) + inv.x0;
      const v = inv.yx * (px + 0.5) + inv.yy * (py + 0.5) + inv.y0;
      const x = u / ax, y = v / ay;
      const phi = Math.atan2(y, x);
      const hr = Math.sqrt(x * x + y * y) / p.head.radiusAt(phi);
      if (hr > 1 + e) continue;
      const bx = x / brainEdge, by = y / brainEdge;
      let val = p.csf;
      let inBrain = 0;
      if (hr < brainEdge + e) {
        inBrain = 1 - smoothstep(brainEdge - e, brainEdge + e, hr);
        val = s.deep(s.cortex(bx, by, hr / brainEdge, phi), bx, by);
      }
      val = s.layers(val, hr, inBrain, x, y);
      if (t && s.tr > 0) val = s.tumour(val, bx, by, hr, inBrain, i);
      val *= 1 - smoothstep(1 - e, 1 + e, hr);
      d[i] = val;
    }
  }
  finishScan(raster, rng);
  return { raster, mask };
}

/**
 * The parts of one slice's per-pixel rendering, as methods over precomputed slice constants. Kept as
 * separate small methods on purpose: V8 inlines small helpers (noise, smoothstep) into each of them, where
 * one big loop body would exhaust its inlining budget and box a number on every helper call.
 */
class SliceRenderer {
  readonly ax: number;
  readonly ay: number;
  /** Head-relative units per pixel (edges are made about one pixel wide whatever the size). */
  readonly e: number;
  readonly skullOut: number;
  readonly skullIn: number;
  readonly brainEdge: number;
  readonly t: Tumour | null;
  /** Tumour cross-section radius in this slice (brain units). */
  readonly tr: number;
  private readonly ox: number;
  private readonly oy: number;
  private readonly shiftAmp: number;
  private readonly cistern: number;
  private readonly base: SkullBase;
  private readonly ventricles: Ellipse[];
  private readonly nuclei: Ellipse[];
  private readonly plexus: Ellipse[];

  constructor(
    private readonly p: Patient, private readonly z: number, view: View, size: number,
    private readonly noise: MriNoise, private readonly mask: Uint8Array,
  ) {
    const hs = headScale(z);
    this.ax = p.ax * hs;
    this.ay = p.ay * hs;
    this.e = 1.4 / (size * view.scale * this.ax);
    this.skullOut = 1 - p.scalp;
    this.skullIn = this.skullOut - p.skull;
    this.brainEdge = this.skullIn - p.gap;
    [this.ox, this.oy] = p.noiseOffset;
    ({ ventricles: this.ventricles, nuclei: this.nuclei, plexus: this.plexus } = deepStructures(p, z));
    const t = p.tumour;
    this.t = t;
    // At least ~1.2 pixels across in radius, so a tumour the label promises is always in the mask, even tiny.
    this.tr = t ? Math.max(sliceRadius(t, z), 2.4 / (size * view.scale * this.ax * this.brainEdge)) : 0;
    // Mass effect: a tumour pushes the ventricles and falx away from its side.
    this.shiftAmp = t && t.type !== PITUITARY ? -Math.sign(t.cx) * this.tr * (t.type === GLIOMA ? 0.35 : 0.2) : 0;
    this.cistern = z < 0.32 ? 0.05 + 0.12 * (1 - z / 0.32) : 0;
    this.base = new SkullBase(z, p);
  }

  /** Grey and white matter with gyri and sulci at brain coordinates (bx, by), relative radius rb. */
  cortex(bx: number, by: number, rb: number, phi: number): number {
    const { p, noise, ox, oy, z } = this;
    // Gyri: sulci run in from the surface at roughly regular angles, wiggled by noise; white matter
    // reaches out into each gyrus between two sulci, under a grey matter ribbon.
    const wiggle = noise.b.fbm(bx * 3 + ox, by * 3 + oy, 2) - 0.5;
    const gyral = Math.abs(Math.sin(phi * p.gyri + 9 * wiggle));
    const wmEdge = 0.72 + 0.14 * gyral + 0.1 * (noise.a.at(bx * 4 + ox, by * 4 + oy) - 0.5) - (z > 0.7 ? (z - 0.7) * 0.6 : 0);
    const wmW = 1 - smoothstep(wmEdge - 0.035, wmEdge + 0.035, rb);
    let val = p.gm + (p.wm - p.gm) * wmW;
    val *= 1 + 0.08 * (noise.c.at(bx * 16 + oy, by * 16 + ox) - 0.5);
    const sulcus = (1 - smoothstep(0.08, 0.3, gyral)) * smoothstep(0.74, 0.9, rb);
    val += (p.csf - val) * 0.75 * sulcus;
    return val;
  }

  /** Deep grey nuclei, ventricles, falx, cisterns, skull-base anatomy and the normal pituitary gland. */
  deep(val: number, bx: number, by: number): number {
    const { p, t, z, cistern, shiftAmp } = this;
    const sx = shiftAmp === 0 ? bx : bx - shiftAmp * Math.exp(-(((by - (t ? t.cy : 0)) / 0.5) ** 2));
    for (const n of this.nuclei) {
      const w = n.weight(sx, by, 0.3);
      if (w > 0) val += (p.gm * 1.05 - val) * w * 0.8;
    }
    let csfW = 0;
    for (const ve of this.ventricles) csfW = Math.max(csfW, ve.weight(sx, by, VENTRICLE_EDGE));
    // Falx: the interhemispheric fissure, full length near the top, front and back lower down.
    const fisExtent = z > 0.65 ? 1 : Math.max(smoothstep(0.2, 0.35, -by), smoothstep(0.35, 0.5, by));
    csfW = Math.max(csfW, (1 - smoothstep(0.004, 0.02, Math.abs(sx))) * fisExtent * 0.6);
    if (cistern > 0) csfW = Math.max(csfW, 0.85 * (1 - smoothstep(0.8, 1.2, CISTERN.relative(sx / cistern, (by + 0.1) / cistern))));
    val += (p.csf - val) * csfW;
    if (this.base.weight > 0) val = this.base.apply(val, sx, by, this.noise.a.at(bx * 3 + this.oy, by * 3 + this.ox));
    // The normal pituitary gland and stalk: a small enhancing dot at the midline near the skull base.
    if (z < 0.16) {
      const g = 1 - smoothstep(0.025, 0.045, Math.sqrt(sx * sx + (by + 0.15) * (by + 0.15)));
      if (g > 0) val += (0.62 - val) * g;
    }
    for (const c of this.plexus) {
      const w = c.weight(sx, by, 0.4);
      if (w > 0) val += (0.6 - val) * w * 0.7;
    }
    return val;
  }

  /** Skull and scalp, outside in: CSF gap, bone (with brighter marrow), fat. */
  layers(val: number, hr: number, inBrain: number, x: number, y: number): number {
    const { p, e, skullIn, skullOut } = this;
    val += (p.csf - val) * (1 - inBrain);
    if (hr > skullIn - e) {
      const boneVal = p.bone + 0.2 * Math.max(0, 1 - Math.abs((hr - (skullIn + skullOut) / 2) / (p.skull * 0.3)));
      val += (boneVal - val) * smoothstep(skullIn - e, skullIn + e, hr);
    }
    if (hr > skullOut - e) {
      const fatVal = p.fat * (0.9 + 0.2 * this.noise.a.at(x * 20 + this.oy, y * 20 + this.ox));
      val += (fatVal - val) * smoothstep(skullOut - e, skullOut + e, hr);
    }
    return val;
  }

  /** The tumour (and its oedema, cleft) over the anatomy; marks mask pixel i when its centre is inside. */
  tumour(val: number, bx: number, by: number, hr: number, inBrain: number, i: number): number {
    const t = this.t as Tumour;
    const { tr, e, brainEdge, skullIn, p } = this;
    const dx = (bx - t.cx) / tr, dy = (by - t.cy) / tr;
    const te = e / brainEdge / tr;
    const tex = this.noise.b.at(dx * 3 + this.ox, dy * 3 + this.oy);
    if (t.oedema && inBrain > 0) {
      const ow = (1 - smoothstep(0.75, 1.05, t.oedema.relative(dx, dy))) * inBrain;
      if (ow > 0) val += (val * 0.62 + 0.03 - val) * ow;
    }
    const rel = t.shape.relative(dx, dy);
    let tw = 1 - smoothstep(1 - te, 1 + te, rel);
    let inside = rel < 1;
    if (t.type === MENINGIOMA) {
      // Extra-axial: bounded by the inner table of the skull, with a thin dark CSF cleft facing the brain.
      tw *= 1 - smoothstep(skullIn - e, skullIn + e, hr);
      inside = inside && hr < skullIn;
      const cleft = smoothstep(1 - te, 1 + te, rel) * (1 - smoothstep(1.05, 1.14, rel)) * inBrain;
      val += (p.csf - val) * 0.55 * cleft;
    } else {
      tw *= inBrain;
      inside = inside && hr < brainEdge;
    }
    if (tw > 0) {
      let tv: number;
      if (t.type === GLIOMA && t.enhancing) {
        const ring = smoothstep(t.necrosis - 0.1, t.necrosis + 0.1, rel + 0.2 * (tex - 0.5));
        tv = 0.14 + 0.08 * tex + (t.brightness * (0.85 + 0.3 * tex) - 0.14 - 0.08 * tex) * ring;
      } else if (t.type === GLIOMA) {
        tv = 0.26 + 0.16 * tex;
      } else {
        tv = t.brightness * (0.93 + 0.14 * tex);
      }
      val += (tv - val) * tw;
    }
    if (inside) this.mask[i] = t.type;
    return val;
  }
}

/** Scanner effects: smooth bias field, slight blur, Rician-like noise (magnitude of a complex signal), windowing. */
function finishScan(r: Raster, rng: Rng): void {
  const size = r.width;
  const d = r.data;
  const b1 = rng.uniform(-0.15, 0.15), b2 = rng.uniform(-0.15, 0.15), b3 = rng.uniform(-0.12, 0.08);
  for (let py = 0; py < size; py++) {
    const y = ((py + 0.5) / size) * 2 - 1;
    for (let px = 0; px < size; px++) {
      const x = ((px + 0.5) / size) * 2 - 1;
      d[py * size + px] *= 1 + b1 * x + b2 * y + b3 * (x * x + y * y);
    }
  }
  gaussianBlur(r, (rng.uniform(0.3, 0.6) * size) / 64);
  const sd = rng.uniform(0.012, 0.035);
  const k = sd / Math.sqrt((4 * (256 * 256 - 1)) / 12);
  const gain = rng.uniform(0.95, 1.25);
  const gamma = rng.uniform(0.85, 1.15);
  // Windowing curve as a table over [0, 2): Math.pow per pixel would cost more than the rest of this loop.
  const lut = gammaTable(gamma);
  const words = rng.fillUint32(randomWords(r, 2 * d.length));
  for (let i = 0; i < d.length; i++) {
    // Two near-Gaussian channels (Irwin-Hall of four bytes each), then the magnitude: Rician.
    const w1 = words[2 * i], w2 = words[2 * i + 1];
    const n1 = ((w1 & 255) + ((w1 >>> 8) & 255) + ((w1 >>> 16) & 255) + (w1 >>> 24) - 510) * k;
    const n2 = ((w2 & 255) + ((w2 >>> 8) & 255) + ((w2 >>> 16) & 255) + (w2 >>> 24) - 510) * k;
    const re = d[i] + n1;
    const m = Math.sqrt(re * re + n2 * n2) * gain;
    // Linear interpolation in the table: off by at most ~0.001 (near 0, where x^0.85 is steepest), a
    // quarter of a grey level.
    const f = Math.min(LUT_SIZE - 1e-6, m * (LUT_SIZE / 2));
    const j = Math.floor(f);
    d[i] = lut[j] + (lut[j + 1] - lut[j]) * (f - j);
  }
}
