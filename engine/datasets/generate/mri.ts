import { TASK_CATALOGUE } from '../catalogue';
import { createRng, type Rng } from '../rng';
import type { Dataset } from '../types';
import { makePatient, type Patient } from './mriAnatomy';
import { renderMriSlice, type MriNoise, type MriSlice } from './mriRender';
import { makeGlioma, makeMeningioma, makePituitary } from './mriTumour';
import { ValueNoise } from './noise';
import type { GenerateOptions } from './options';
import { planImages } from './plan';
import { writeBytes } from './raster';
import type { View } from './view';

/** Classification label (graph/tasks.ts order: glioma, meningioma, notumor, pituitary) -> mask class (0 background, 1 glioma, 2 meningioma, 3 pituitary). */
const TUMOUR_TYPE = [1, 2, 0, 3] as const;

/** Weights for 1, 2, 3, 4 slices per synthetic patient. */
const SLICES_PER_PATIENT = [0.5, 0.3, 0.15, 0.05];

/** A patient with its tumour (by classification label), slice levels and head position. */
function patientFor(cls: number, slices: number, rng: Rng): { patient: Patient; levels: number[]; view: View } {
  const patient = makePatient(rng.fork('head'));
  const trng = rng.fork('tumour');
  patient.tumour = cls === 0 ? makeGlioma(trng) : cls === 1 ? makeMeningioma(trng) : cls === 3 ? makePituitary(trng) : null;
  const levels: number[] = [];
  const t = patient.tumour;
  if (t) {
    // Slices through the tumour: within 0.6 of its radius of its centre, so every slice shows it.
    const span = Math.min(rng.uniform(0.04, 0.07) * (slices - 1), 1.2 * t.r3);
    const mid = t.cz + rng.uniform(-1, 1) * Math.max(0, 0.6 * t.r3 - span / 2);
    for (let k = 0; k < slices; k++) levels.push(slices === 1 ? mid : mid - span / 2 + (span * k) / (slices - 1));
  } else {
    const dz = rng.uniform(0.04, 0.07);
    const start = rng.uniform(0.04, 0.92 - dz * (slices - 1));
    for (let k = 0; k < slices; k++) levels.push(start + dz * k);
  }
  const view: View = {
    angle: Math.max(-0.35, Math.min(0.35, rng.normal(0, 0.12))),
    flip: rng.bool(0.5),
    scale: rng.uniform(0.8, 0.95) / patient.ay,
    shiftX: rng.uniform(-0.04, 0.04),
    shiftY: rng.uniform(-0.04, 0.04),
  };
  return { patient, levels, view };
}

/**
 * Generate brain MRI slices: `count` single-channel images of size x size, tumour types in the Brain Tumor
 * MRI Dataset's proportions, 1-4 slices per synthetic patient with the patient id in `groups`. The same
 * seed gives the same slices for 'brain-mri-classify' and 'brain-mri-segment'; the segmentation task adds
 * the masks (maskMode 'multiclass': 0 background, 1 glioma, 2 meningioma, 3 pituitary; 'binary': 0/1).
 */
export function generateMri(
  taskId: 'brain-mri-classify' | 'brain-mri-segment',
  opts: Required<Pick<GenerateOptions, 'count' | 'size' | 'seed'>> & GenerateOptions,
): Dataset {
  const { count, size, seed } = opts;
  const segment = taskId === 'brain-mri-segment';
  const binary = segment && opts.maskMode === 'binary';
  const classify = TASK_CATALOGUE['brain-mri-classify'];
  const entry = TASK_CATALOGUE[taskId];
  const root = createRng(`brain-mri:${seed}`);
  const plan = planImages(classify.frequencies, count, SLICES_PER_PATIENT, root.fork('plan'));
  const nrng = root.fork('noise');
  const noise: MriNoise = { a: new ValueNoise(nrng), b: new ValueNoise(nrng), c: new ValueNoise(nrng) };
  const pixels = size * size;
  const images = new Uint8Array(count * pixels);
  const masks = segment ? new Uint8Array(count * pixels) : undefined;
  const labels = new Int32Array(count);
  const groups: string[] = [];
  const ids: string[] = [];
  let current: ReturnType<typeof patientFor> | null = null;
  let patientRng: Rng = root;
  let slice: MriSlice | undefined;
  for (let i = 0; i < count; i++) {
    const item = plan.images[i];
    if (item.view === 0) {
      patientRng = root.fork(`patient:${item.group}`);
      current = patientFor(item.classIndex, plan.groupSize[item.group], patientRng.fork('design'));
    }
    const { patient, levels, view } = current as NonNullable<typeof current>;
    slice = renderMriSlice(patient, levels[item.view], view, size, noise, patientRng.fork(`slice:${item.view}`), slice);
    writeBytes(slice.raster, images, i * pixels);
    const type = TUMOUR_TYPE[item.classIndex];
    if (masks) {
      if (binary) for (let k = 0; k < pixels; k++) masks[i * pixels + k] = slice.mask[k] > 0 ? 1 : 0;
      else masks.set(slice.mask, i * pixels);
    }
    labels[i] = segment ? (binary ? (type > 0 ? 1 : 0) : type) : item.classIndex;
    const id = `P${String(item.group).padStart(5, '0')}`;
    groups.push(id);
    ids.push(`${id}_s${item.view + 1}`);
    if (opts.onProgress && (i % 50 === 49 || i === count - 1)) opts.onProgress(i + 1, count, 'Generating MRI slices');
  }
  return {
    taskId,
    kind: segment ? 'segmentation' : 'classification',
    classes: binary ? ['background', 'tumour'] : entry.classes.map((c) => c.name),
    height: size,
    width: size,
    channels: 1,
    count,
    images,
    labels,
    ...(masks ? { masks } : {}),
    groups,
    ids,
    source: 'generated',
    credit: entry.credit,
  };
}

