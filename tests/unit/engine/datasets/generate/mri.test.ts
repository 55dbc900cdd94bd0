import { describe, expect, it } from 'vitest';
import { allocate } from '../../../../../engine/datasets/allocate';
import { TASK_CATALOGUE } from '../../../../../engine/datasets/catalogue';
import { generateDataset } from '../../../../../engine/datasets/generate';
import { makePatient } from '../../../../../engine/datasets/generate/mriAnatomy';
import { renderMriSlice, type MriNoise } from '../../../../../engine/datasets/generate/mriRender';
import {
  GLIOMA, makeGlioma, makeMeningioma, makePituitary, MENINGIOMA, PITUITARY, type Tumour,
} from '../../../../../engine/datasets/generate/mriTumour';
import { ValueNoise } from '../../../../../engine/datasets/generate/noise';
import type { View } from '../../../../../engine/datasets/generate/view';
import { createRng } from '../../../../../engine/datasets/rng';

const SIZE = 48;
const seg = generateDataset('brain-mri-segment', { count: 160, size: SIZE, seed: 4 });
const px = SIZE * SIZE;

describe('brain MRI generator', () => {
  it('follows the Brain Tumor MRI Dataset proportions', () => {
    const cls = generateDataset('brain-mri-classify', { count: 160, size: SIZE, seed: 4 });
    const counts = [0, 0, 0, 0];
    for (const l of cls.labels) counts[l]++;
    expect(counts).toEqual(allocate(TASK_CATALOGUE['brain-mri-classify'].frequencies, 160));
    // Same seed, same slices for both tasks: classification adds no masks, segmentation adds them.
    expect(Buffer.compare(cls.images, seg.images)).toBe(0);
    expect(cls.masks).toBeUndefined();
  });

  it('gives every tumour slice a mask of its own class and tumour-free slices an empty mask', () => {
    for (let i = 0; i < seg.count; i++) {
      const m = seg.masks!.subarray(i * px, (i + 1) * px);
      const values = new Set(m);
      if (seg.labels[i] === 0) expect([...values]).toEqual([0]);
      else {
        expect([...values].sort()).toEqual([0, seg.labels[i]]);
        // Some pixels, never most of the slice.
        const n = m.reduce((s, v) => s + (v > 0 ? 1 : 0), 0);
        expect(n).toBeGreaterThanOrEqual(3);
        expect(n).toBeLessThan(px * 0.25);
      }
    }
  });

  it('keeps slices of one patient together and one tumour type per patient', () => {
    const byPatient = new Map<string, Set<number>>();
    seg.groups.forEach((g, i) => byPatient.set(g, (byPatient.get(g) ?? new Set()).add(seg.labels[i])));
    for (const types of byPatient.values()) expect(types.size).toBe(1);
    expect(byPatient.size).toBeLessThan(seg.count * 0.8);
  });

  it('stores 0/1 masks and the binary class list in binary mode', () => {
    const multi = generateDataset('brain-mri-segment', { count: 40, size: SIZE, seed: 9 });
    const bin = generateDataset('brain-mri-segment', { count: 40, size: SIZE, seed: 9, maskMode: 'binary' });
    expect(bin.classes).toEqual(['background', 'tumour']);
    expect(Buffer.compare(bin.images, multi.images)).toBe(0);
    let wrong = 0;
    for (let k = 0; k < 40 * px; k++) if (bin.masks![k] !== (multi.masks![k] > 0 ? 1 : 0)) wrong++;
    expect(wrong).toBe(0);
    expect(multi.masks!.some((v) => v > 1)).toBe(true);
    for (let i = 0; i < 40; i++) expect(bin.labels[i]).toBe(multi.labels[i] > 0 ? 1 : 0);
  });
});

describe('mask alignment with the rendered tumour', () => {
  const nrng = createRng('noise');
  const noise: MriNoise = { a: new ValueNoise(nrng), b: new ValueNoise(nrng), c: new ValueNoise(nrng) };
  const view: View = { angle: 0.2, flip: false, scale: 0.9, shiftX: 0, shiftY: 0 };

  // Render the same slice with and without the tumour (same noise draws): the mask must cover the pixels
  // the tumour changed, and the tumour must look like its kind.
  it.each<[string, (seed: number) => Tumour, number]>([
    ['glioma', (s) => makeGlioma(createRng(s)), GLIOMA],
    ['meningioma', (s) => makeMeningioma(createRng(s)), MENINGIOMA],
    ['pituitary', (s) => makePituitary(createRng(s)), PITUITARY],
  ])('%s', (_name, make, type) => {
    for (let s = 0; s < 6; s++) {
      const patient = makePatient(createRng(`p${s}`));
      const tumour = make(s);
      patient.tumour = tumour;
      const z = tumour.cz;
      const withT = renderMriSlice(patient, z, view, 64, noise, createRng(`r${s}`));
      patient.tumour = null;
      const without = renderMriSlice(patient, z, view, 64, noise, createRng(`r${s}`));
      expect(without.mask.every((v) => v === 0)).toBe(true);
      let inDiff = 0, inN = 0, changed = 0, inVal = 0, brainVal = 0, brainN = 0, outDiff = 0;
      for (let k = 0; k < 64 * 64; k++) {
        const diff = Math.abs(withT.raster.data[k] - without.raster.data[k]);
        if (!withT.mask[k]) outDiff += diff;
        if (withT.mask[k]) {
          expect(withT.mask[k]).toBe(type);
          inDiff += diff;
          inVal += withT.raster.data[k];
          inN++;
          if (diff > 0.05) changed++;
        } else if (without.raster.data[k] > 0.25 && without.raster.data[k] < 0.6) {
          brainVal += without.raster.data[k];
          brainN++;
        }
      }
      expect(inN).toBeGreaterThan(3);
      // Most mask pixels were changed by the tumour; the exceptions are where a glioma's bright rim fades
      // into its dark centre through the brain's own grey, and blurred edge pixels.
      expect(changed / inN).toBeGreaterThan(0.6);
      expect(inDiff / inN).toBeGreaterThan(0.1);
      // The change concentrates in the mask: oedema and mass effect outside it are spread thinner.
      expect(inDiff / inN).toBeGreaterThan((5 * outDiff) / (64 * 64 - inN));
      if (type !== GLIOMA) {
        // Meningioma and pituitary adenoma enhance: brighter than the brain around them.
        expect(inVal / inN).toBeGreaterThan(brainVal / brainN + 0.1);
      }
    }
  });
});
