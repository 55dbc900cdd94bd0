import { describe, expect, it } from 'vitest';
import { generateDataset } from '../../../../../engine/datasets/generate';
import { splitDataset } from '../../../../../engine/datasets/split';
import type { Dataset } from '../../../../../engine/datasets/types';

/**
 * Is the signal there? Cheap learners without tfjs: a nearest-centroid classifier on colour/intensity
 * features must beat the majority-class baseline in balanced accuracy on held-out lesions/patients, and a
 * brightness threshold must segment tumours far better than an empty prediction. (A CNN does better; the
 * training engine's own tests show that.)
 */

/**
 * Per channel: a 4x4 grid of mean and of maximum values (where things are; maxima catch small bright
 * tumours) and an 8-bin histogram (what colours / intensities).
 */
function features(ds: Dataset, i: number): number[] {
  const { width: w, height: h, channels: c } = ds;
  const base = i * w * h * c;
  const f: number[] = [];
  for (let gy = 0; gy < 4; gy++) {
    for (let gx = 0; gx < 4; gx++) {
      for (let k = 0; k < c; k++) {
        let s = 0;
        let n = 0;
        let max = 0;
        for (let y = (gy * h) >> 2; y < ((gy + 1) * h) >> 2; y++) {
          for (let x = (gx * w) >> 2; x < ((gx + 1) * w) >> 2; x++, n++) {
            const v = ds.images[base + (y * w + x) * c + k];
            s += v;
            if (v > max) max = v;
          }
        }
        f.push(s / n / 255, max / 255);
      }
    }
  }
  for (let k = 0; k < c; k++) {
    const hist = new Array(8).fill(0);
    for (let p = 0; p < w * h; p++) hist[ds.images[base + p * c + k] >> 5]++;
    for (const v of hist) f.push(v / (w * h));
  }
  return f;
}

/** Balanced accuracy (mean recall over classes present in test) of nearest-centroid on z-scored features. */
function nearestCentroid(ds: Dataset, train: number[], test: number[]): number {
  const X = new Map<number, number[]>();
  for (const i of [...train, ...test]) X.set(i, features(ds, i));
  const d = (X.get(train[0]) as number[]).length;
  const mean = new Array(d).fill(0);
  const sd = new Array(d).fill(0);
  for (const i of train) (X.get(i) as number[]).forEach((v, j) => (mean[j] += v / train.length));
  for (const i of train) (X.get(i) as number[]).forEach((v, j) => (sd[j] += (v - mean[j]) ** 2 / train.length));
  const z = (i: number) => (X.get(i) as number[]).map((v, j) => (v - mean[j]) / Math.sqrt(sd[j] + 1e-9));
  const K = ds.classes.length;
  const centroid = Array.from({ length: K }, () => new Array(d).fill(0));
  const n = new Array(K).fill(0);
  for (const i of train) {
    n[ds.labels[i]]++;
    z(i).forEach((v, j) => (centroid[ds.labels[i]][j] += v));
  }
  centroid.forEach((c, k) => c.forEach((_, j) => (c[j] /= Math.max(1, n[k]))));
  const hit = new Array(K).fill(0);
  const total = new Array(K).fill(0);
  for (const i of test) {
    const zi = z(i);
    let best = -1;
    let bestD = Infinity;
    for (let k = 0; k < K; k++) {
      if (!n[k]) continue;
      const dist = zi.reduce((s, v, j) => s + (v - centroid[k][j]) ** 2, 0);
      if (dist < bestD) [best, bestD] = [k, dist];
    }
    total[ds.labels[i]]++;
    if (best === ds.labels[i]) hit[ds.labels[i]]++;
  }
  const recalls = total.flatMap((t, k) => (t ? [hit[k] / t] : []));
  return recalls.reduce((a, b) => a + b, 0) / recalls.length;
}

/** Mean Dice over tumour images of "pixel brighter than t, away from the scalp". */
function thresholdDice(ds: Dataset, images: number[], t: number): number {
  const { width: w, height: h } = ds;
  let sum = 0;
  let count = 0;
  for (const i of images) {
    if (ds.labels[i] === 0) continue;
    let inter = 0, pred = 0, truth = 0;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const p = y * w + x;
        const u = ((x + 0.5) / w) * 2 - 1, v = ((y + 0.5) / h) * 2 - 1;
        const on = ds.images[i * w * h + p] > t && u * u + v * v < 0.64 ? 1 : 0;
        const m = (ds.masks as Uint8Array)[i * w * h + p] > 0 ? 1 : 0;
        inter += on & m;
        pred += on;
        truth += m;
      }
    }
    sum += (2 * inter) / (pred + truth);
    count++;
  }
  return sum / count;
}

describe('generated tasks are learnable (but not trivially)', () => {
  it.each([
    // [task, images, size, balanced accuracy must exceed]: the majority baseline is 1 / classes.
    ['skin-lesions', 900, 32, 0.3],
    ['brain-mri-classify', 500, 32, 0.35],
    ['random-classify', 150, 16, 0.95],
  ] as const)('%s: nearest centroid beats the majority baseline', (task, count, size, floor) => {
    const ds = generateDataset(task, { count, size, seed: 21 });
    const s = splitDataset(ds, { seed: 1, validationFraction: 0, testFraction: 0.3 });
    const balanced = nearestCentroid(ds, s.train, s.test);
    const baseline = 1 / ds.classes.length;
    expect(balanced).toBeGreaterThan(floor);
    // Deterministic (fixed seeds); measured: skin 0.50, MRI 0.43, random 1.0 against baselines 0.14, 0.25, 0.33.
    expect(balanced).toBeGreaterThan(baseline + 0.1);
    if (task !== 'random-classify') expect(balanced).toBeLessThan(0.95);
  });

  it.each([
    ['brain-mri-segment', 240, 32, 0.35],
    ['random-segment', 60, 16, 0.9],
  ] as const)('%s: a brightness threshold fitted on train segments test far above an empty prediction', (task, count, size, floor) => {
    const ds = generateDataset(task, { count, size, seed: 22 });
    const s = splitDataset(ds, { seed: 1, validationFraction: 0, testFraction: 0.3 });
    let best = 0;
    let bestT = 0;
    for (let t = 60; t <= 240; t += 10) {
      const dice = thresholdDice(ds, s.train, t);
      if (dice > best) [best, bestT] = [dice, t];
    }
    // An empty prediction scores Dice 0 on every image that has a tumour.
    expect(thresholdDice(ds, s.test, bestT)).toBeGreaterThan(floor);
  });
});
