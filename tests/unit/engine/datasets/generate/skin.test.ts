import { describe, expect, it } from 'vitest';
import { allocate } from '../../../../../engine/datasets/allocate';
import { generateDataset } from '../../../../../engine/datasets/generate';
import { TASK_CATALOGUE } from '../../../../../engine/datasets/catalogue';
import type { Dataset } from '../../../../../engine/datasets/types';

// One dataset for the whole file: 700 images at 32x32 takes well under a second.
const ds = generateDataset('skin-lesions', { count: 700, size: 32, seed: 3 });
const cls = (name: string) => ds.classes.indexOf(name);

/** Mean R, G, B (0..255) over a centred square of half-width `half` pixels, averaged over a class. */
function centreColour(d: Dataset, label: number, half: number): [number, number, number] {
  const acc = [0, 0, 0];
  let n = 0;
  const c = d.width / 2;
  for (let i = 0; i < d.count; i++) {
    if (d.labels[i] !== label) continue;
    for (let y = c - half; y < c + half; y++) {
      for (let x = c - half; x < c + half; x++) {
        for (let k = 0; k < 3; k++) acc[k] += d.images[((i * d.height + y) * d.width + x) * 3 + k];
        n++;
      }
    }
  }
  return [acc[0] / n, acc[1] / n, acc[2] / n];
}

describe('skin-lesion generator', () => {
  it('follows the HAM10000 class proportions exactly as far as integers allow', () => {
    const counts = new Array(7).fill(0);
    for (const l of ds.labels) counts[l]++;
    expect(counts).toEqual(allocate(TASK_CATALOGUE['skin-lesions'].frequencies, 700));
    // nv is 6705 / 10015 = 66.9 %; df 115 / 10015 = 1.15 %.
    expect(counts[cls('nv')] / 700).toBeCloseTo(0.669, 2);
    expect(counts[cls('df')]).toBe(8);
  });

  it('shows most lesions once and some several times, each lesion one class', () => {
    const byLesion = new Map<string, number[]>();
    ds.groups.forEach((g, i) => byLesion.set(g, [...(byLesion.get(g) ?? []), i]));
    const sizes = [...byLesion.values()].map((l) => l.length);
    const multi = sizes.filter((s) => s > 1).length;
    expect(multi / sizes.length).toBeGreaterThan(0.3);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(4);
    for (const list of byLesion.values()) expect(new Set(list.map((i) => ds.labels[i])).size).toBe(1);
  });

  it('renders the views of one lesion differently', () => {
    const group = ds.groups.find((g, i) => i > 0 && ds.groups[i - 1] === g) as string;
    const [a, b] = ds.groups.flatMap((g, i) => (g === group ? [i] : []));
    const px = 32 * 32 * 3;
    let diff = 0;
    for (let k = 0; k < px; k++) diff += Math.abs(ds.images[a * px + k] - ds.images[b * px + k]);
    expect(diff / px).toBeGreaterThan(5);
  });

  it('draws the textbook colour cues (class means at the lesion centre)', () => {
    const [nvR, nvG, nvB] = centreColour(ds, cls('nv'), 4);
    const [vaR, vaG, vaB] = centreColour(ds, cls('vasc'), 4);
    const [dfR, dfG, dfB] = centreColour(ds, cls('df'), 2);
    const [bcR] = centreColour(ds, cls('bcc'), 4);
    // nv: brown (red > green > blue), darker than the pink-pearly bcc.
    expect(nvR).toBeGreaterThan(nvG);
    expect(nvG).toBeGreaterThan(nvB);
    expect(bcR).toBeGreaterThan(nvR + 30);
    // vasc: red-purple lacunae, far redder than green.
    expect(vaR - vaG).toBeGreaterThan(nvR - nvG + 20);
    expect(vaB).toBeGreaterThan(vaG - 10);
    // df: pale centre (the white scar) brighter than nv's centre.
    expect(dfR + dfG + dfB).toBeGreaterThan(nvR + nvG + nvB + 60);
  });

  it('renders larger sizes (224) with the same content at another resolution', () => {
    const big = generateDataset('skin-lesions', { count: 1, size: 224, seed: 3 });
    expect(big.images.length).toBe(224 * 224 * 3);
    expect(big.labels[0]).toBe(ds.labels[0]);
    // The dermatoscope vignette darkens the corners relative to the centre, at every size.
    const at = (d: Dataset, x: number, y: number) => d.images[(y * d.width + x) * 3] + d.images[(y * d.width + x) * 3 + 1];
    expect(at(big, 112, 112)).toBeGreaterThan(0);
    expect(at(big, 112, 112)).not.toBe(at(big, 0, 0));
  });
});
