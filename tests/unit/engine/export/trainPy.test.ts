/**
 * The exported train.py against Convas, piece by piece, in one call of Debian's /usr/bin/python3:
 * - its port of the seeded generator gives Convas' numbers, forks and shuffles bit for bit;
 * - its split equals splitDataset for the same labels, groups and seed (grouped, stratified, provided Testing/);
 * - its preprocessing (luminance or a picked channel, area-average or bilinear resize, masks) equals
 *   fitImage / fitMask byte for byte;
 * - its losses equal engine/compile/losses.ts on small tensors (and hand-computed values), and every loss with
 *   a cross-entropy term has a non-zero gradient on saturated logits;
 * - on ../shared/realdata it reads each real layout as the app's importer does: same images in the same
 *   order, same labels, same split; pixels equal where the decoder is the same (TIFF, CSV) and within a
 *   JPEG decoder's rounding otherwise;
 * - without Pillow, a JPEG or TIFF file fails with a message saying that it needs Pillow.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { lossFor, sigmoidCrossEntropy, softDiceLoss, softmaxCrossEntropy, type HeadSpec } from '@/engine/compile';
import { importDataset } from '@/engine/datasets/import/importDataset';
import { nodeDirSource } from '@/engine/datasets/import/nodeSource';
import { fitImage, fitMask } from '@/engine/datasets/import/resize';
import { createRng } from '@/engine/datasets/rng';
import { learningRateAt } from '@/engine/train/schedule';
import { splitDataset } from '@/engine/datasets/split';
import type { Dataset } from '@/engine/datasets/types';
import { exportGraph } from '@/engine/export';
import { exportCases } from './cases';
import { PYTHON, scratch, writeFiles } from './run';
import { HAS_REAL_DATA, REAL_DATA, SKIP_REASON } from '../datasets/import/realdata';

const work = scratch('trainpy');
type Result = { ok: boolean; error?: string; trace?: string } & Record<string, unknown>;
let results: Record<string, Record<string, Result>> = {};
let crashed = '';
let torchMissing = '';
const expected = new Map<string, unknown>();

function result(section: string, name: string): Result {
  if (crashed) throw new Error(crashed);
  const r = results[section]?.[name];
  if (!r) throw new Error(`no ${section} result for ${name}`);
  if (!r.ok) throw new Error(`${section} ${name} failed in Python: ${r.error}\n${r.trace ?? ''}`);
  return r;
}

/** A seeded pseudo-random list (Convas' generator, so the test data is the same every run). */
function numbers(seed: number, n: number, scale: number): number[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => rng.uniform(-scale, scale));
}

const HEADS: Record<string, HeadSpec> = {
  classification: { kind: 'classification', classes: 3, activation: 'softmax', classNames: ['a', 'b', 'c'] },
  binary: { kind: 'segmentation', classes: 1, activation: 'sigmoid', classNames: ['background', 'object'] },
  multiclass: { kind: 'segmentation', classes: 3, activation: 'softmax', classNames: ['background', 'a', 'b'] },
};

/** Targets for a shape: one-hot rows (last axis), or for one channel 0/1 with some images left empty. */
function targets(shape: number[], seed: number): number[] {
  const k = shape[shape.length - 1];
  const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
  const rng = createRng(seed);
  const perImage = rows / shape[0];
  const out: number[] = [];
  for (let r = 0; r < rows; r++) {
    const emptyImage = Math.floor(r / perImage) === 0; // image 0 has no foreground at all (the empty-mask rule)
    if (k === 1) out.push(!emptyImage && rng.bool(0.4) ? 1 : 0);
    else {
      const c = emptyImage && shape.length === 4 ? 0 : rng.int(k);
      for (let j = 0; j < k; j++) out.push(j === c ? 1 : 0);
    }
  }
  return out;
}

async function tsLoss(fn: () => tf.Scalar): Promise<number> {
  const v = tf.tidy(fn);
  const [x] = await v.data();
  v.dispose();
  return x;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  const cases = new Map(exportCases().map((c) => [c.name, c]));
  const exportDir = (caseName: string, taskId?: string) => {
    const c = cases.get(caseName);
    if (!c) throw new Error(`no export case ${caseName}`);
    const doc = taskId ? { ...c.doc, task: { ...c.doc.task, id: taskId } } : c.doc;
    const dir = join(work.dir, `${caseName}-${taskId ?? 'own'}`);
    writeFiles(dir, exportGraph(doc, 'pytorch', { task: c.task }).files);
    return dir;
  };
  const classify = exportDir('first-cnn');
  const binary = exportDir('unet-concat');
  const multiclass = exportDir('transposed');
  const manifest = { export: classify, rng: [] as unknown[], splits: [] as unknown[], resize: [] as unknown[], losses: [] as unknown[], datasets: [] as unknown[], pillow: [] as unknown[], schedules: [] as unknown[] };

  for (const seed of [1, 42, 'split:7']) {
    const rng = createRng(seed);
    const shuffled = createRng(seed).shuffle(Array.from({ length: 20 }, (_, i) => i));
    const fork = createRng(seed).fork('validation');
    const name = `seed ${seed}`;
    manifest.rng.push({ name, seed, next: new Array(5).fill(0), forkKey: 'validation', shuffleLength: 20 });
    expected.set(`rng ${name}`, { next: Array.from({ length: 5 }, () => rng.next()), fork: [fork.uint32(), fork.uint32(), fork.uint32()], shuffle: shuffled });
  }

  // Splits: groups of 1-4 images with imbalanced labels; with and without a provided Testing/ split.
  const rng = createRng('groups');
  const labels: number[] = [];
  const groups: string[] = [];
  for (let g = 0; labels.length < 240; g++) {
    const label = rng.weighted([6, 2, 1, 1]);
    for (let n = 1 + rng.int(4); n > 0; n--) {
      labels.push(label);
      groups.push(`patient-${g}`);
    }
  }
  const provided = labels.map((_, i) => (i % 5 === 0 ? 'test' : 'train') as 'train' | 'test');
  const dsOf = (withProvided: boolean): Dataset => ({
    taskId: 't', kind: 'classification', classes: ['a', 'b', 'c', 'd'], height: 1, width: 1, channels: 1, count: labels.length,
    images: new Uint8Array(labels.length), labels: Int32Array.from(labels), groups, ids: groups, source: 'test', credit: '',
    ...(withProvided ? { providedSplit: provided } : {}),
  });
  for (const [seed, testFraction, validationFraction, withProvided] of [[1, 0.2, 0.15, false], [42, 0.3, 0.2, false], [7, 0.2, 0.15, true], [3, 0, 0.5, false]] as const) {
    const name = `seed ${seed}, test ${testFraction}, validation ${validationFraction}${withProvided ? ', provided' : ''}`;
    manifest.splits.push({ name, labels, groups, provided: withProvided ? provided : null, testFraction, validationFraction, seed });
    expected.set(`split ${name}`, splitDataset(dsOf(withProvided), { seed, testFraction, validationFraction }));
  }

  // Preprocessing: shrink (area), enlarge (bilinear), mixed, gray from RGB (luminance and a picked channel), RGB from gray.
  const resizeCases = [
    { name: 'RGB 37x23 -> 8x8 RGB', shape: [23, 37, 3], outHeight: 8, outWidth: 8, channels: 3 },
    { name: 'RGB 37x23 -> 16x16 gray (luminance)', shape: [23, 37, 3], outHeight: 16, outWidth: 16, channels: 1 },
    { name: 'RGB 30x30 -> 12x12 gray (FLAIR, channel 1)', shape: [30, 30, 3], outHeight: 12, outWidth: 12, channels: 1, pick: 1 },
    { name: 'gray 5x7 -> 16x11 RGB (enlarged)', shape: [7, 5, 1], outHeight: 16, outWidth: 11, channels: 3 },
    { name: 'gray 600x450 -> 64x64 gray', shape: [450, 600, 1], outHeight: 64, outWidth: 64, channels: 1 },
  ];
  for (const c of resizeCases) {
    const [h, w, ch] = c.shape;
    const r = createRng(c.name);
    const pixels = Array.from({ length: h * w * ch }, (_, i) => (i % 17 === 0 ? 255 : Math.floor(r.next() * 256)));
    const data = Uint8Array.from(pixels);
    const image = fitImage({ data, width: w, height: h, channels: ch as 1 | 3 }, { width: c.outWidth, height: c.outHeight, channels: c.channels as 1 | 3 }, c.pick as 1 | undefined);
    const first = Uint8Array.from({ length: h * w }, (_, i) => (data[i * ch] > 127 ? 255 : 0));
    const mask = fitMask(first, w, h, c.outWidth, c.outHeight);
    manifest.resize.push({ ...c, pixels });
    expected.set(`resize ${c.name}`, { image: Array.from(image), mask: Array.from(mask) });
  }

  // Losses, TS values on the same tensors. Saturated logits: |z| = 40, every one on the wrong side.
  const lossCases: { name: string; head: string; fn: string; shape: number[]; mode?: 'batch' | 'image'; segmentationLoss?: string; classWeights?: number[]; saturated?: boolean }[] = [
    { name: 'softmax CE', head: 'classification', fn: 'softmax_cross_entropy', shape: [5, 3] },
    { name: 'softmax CE, class weights', head: 'classification', fn: 'softmax_cross_entropy', shape: [5, 3], classWeights: [0.5, 2, 1.5] },
    { name: 'softmax CE, saturated', head: 'classification', fn: 'softmax_cross_entropy', shape: [4, 3], saturated: true },
    { name: 'sigmoid CE', head: 'binary', fn: 'sigmoid_cross_entropy', shape: [3, 4, 4, 1] },
    { name: 'sigmoid CE, saturated', head: 'binary', fn: 'sigmoid_cross_entropy', shape: [3, 4, 4, 1], saturated: true },
    { name: 'soft Dice batch, binary', head: 'binary', fn: 'soft_dice_loss', shape: [3, 4, 4, 1], mode: 'batch' },
    { name: 'soft Dice image, binary', head: 'binary', fn: 'soft_dice_loss', shape: [3, 4, 4, 1], mode: 'image' },
    { name: 'soft Dice batch, multiclass', head: 'multiclass', fn: 'soft_dice_loss', shape: [3, 4, 4, 3], mode: 'batch' },
    { name: 'soft Dice image, multiclass', head: 'multiclass', fn: 'soft_dice_loss', shape: [3, 4, 4, 3], mode: 'image' },
  ];
  for (const head of ['binary', 'multiclass'])
    for (const segmentationLoss of ['bce', 'dice', 'bce+dice'])
      for (const mode of ['batch', 'image'] as const)
        lossCases.push({ name: `loss_for ${head} ${segmentationLoss} ${mode}, saturated`, head, fn: 'loss_for', shape: head === 'binary' ? [3, 4, 4, 1] : [3, 4, 4, 3], mode, segmentationLoss, saturated: true });
  for (const c of lossCases) {
    const y = targets(c.shape, c.name.length);
    const z = c.saturated ? y.map((v) => (v > 0 ? -40 : 40)) : numbers(c.name.length, y.length, 3);
    const yt = () => tf.tensor(y, c.shape);
    const zt = () => tf.tensor(z, c.shape);
    const head = HEADS[c.head];
    const value = await tsLoss(() => {
      if (c.fn === 'softmax_cross_entropy') return softmaxCrossEntropy(yt(), zt(), c.classWeights ? tf.tensor1d(c.classWeights) : undefined);
      if (c.fn === 'sigmoid_cross_entropy') return sigmoidCrossEntropy(yt(), zt());
      if (c.fn === 'soft_dice_loss') return softDiceLoss(yt(), head.activation === 'sigmoid' ? tf.sigmoid(zt()) : tf.softmax(zt()), c.mode);
      return lossFor(head, { segmentationLoss: c.segmentationLoss as 'bce', diceMode: c.mode ?? 'batch' }).fn(yt(), zt());
    });
    manifest.losses.push({ ...c, y, z, export: { classification: classify, binary, multiclass }[c.head] });
    expected.set(`loss ${c.name}`, value);
  }

  for (const [name, bytes] of [['photo.jpg', [0xff, 0xd8, 0xff, 0xe0]], ['slice.tif', [0x49, 0x49, 0x2a, 0x00]]] as const) {
    const path = join(work.dir, name);
    writeFileSync(path, Uint8Array.from([...bytes, 0, 0, 0, 0]));
    manifest.pillow.push({ name, path });
  }

  if (HAS_REAL_DATA) {
    const realExport = (caseName: string, taskId: string, size: number, channels: number) => {
      const c = cases.get(caseName);
      if (!c) throw new Error(caseName);
      const nodes = c.doc.nodes.map((n) => (n.type === 'Input' ? { ...n, params: { ...n.params, height: size, width: size, channels } } : n));
      const doc = { ...c.doc, nodes, task: { id: taskId, maskMode: 'binary' as const } };
      const dir = join(work.dir, `real-${taskId}`);
      writeFiles(dir, exportGraph(doc, 'pytorch').files);
      return dir;
    };
    const real = [
      { name: 'HAM10000 (metadata + JPEG)', dir: join(REAL_DATA, 'ham10000'), taskId: 'skin-lesions', size: 28, channels: 3, graph: 'first-cnn' },
      { name: 'Brain Tumor MRI (Training/ + Testing/, JPEG)', dir: join(REAL_DATA, 'brain_mri_cls'), taskId: 'brain-mri-classify', size: 32, channels: 1, graph: 'first-cnn' },
      { name: 'LGG kaggle_3m (TIFF, 4 patients)', dir: join(REAL_DATA, 'brain_mri_seg_dev'), taskId: 'brain-mri-segment', size: 32, channels: 1, graph: 'unet-concat' },
    ];
    for (const r of real) {
      const { dataset } = await importDataset(nodeDirSource(r.dir), { taskId: r.taskId, size: r.size, channels: r.channels as 1 | 3 });
      const split = splitDataset(dataset, { testFraction: 0.2, validationFraction: 0.15, seed: 42 });
      manifest.datasets.push({
        name: r.name, dir: r.dir, export: realExport(r.graph, r.taskId, r.size, r.channels), seed: 42, validationFraction: 0.15,
        images: Array.from(dataset.images), masks: dataset.masks ? Array.from(dataset.masks) : null,
      });
      expected.set(`dataset ${r.name}`, { ids: dataset.ids, labels: Array.from(dataset.labels), split, format: dataset.source });
    }
  }

  // Learning-rate schedules: every step of a few runs' clocks.
  for (const [schedule, stepsPerEpoch, totalSteps, peak] of [['cosine', 51, 510, 0.001], ['cosine', 7, 21, 0.002], ['cosine', 3, 3, 0.01], ['constant', 5, 50, 0.003]] as const) {
    const name = `${schedule}, ${stepsPerEpoch} steps per epoch, ${totalSteps} in all`;
    manifest.schedules.push({ name, schedule, stepsPerEpoch, totalSteps, peak });
    expected.set(`schedule ${name}`, Array.from({ length: totalSteps }, (_, step) => learningRateAt(peak, schedule, { step, stepsPerEpoch, totalSteps })));
  }

  const manifestPath = join(work.dir, 'manifest.json');
  const resultsPath = join(work.dir, 'results.json');
  writeFileSync(manifestPath, JSON.stringify(manifest));
  const run = spawnSync(PYTHON, ['tests/python/check_trainpy.py', manifestPath, resultsPath], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', OMP_NUM_THREADS: '1' },
  });
  if (run.error || run.status !== 0) {
    if (/No module named 'torch'/.test(run.stderr ?? '')) torchMissing = `${PYTHON} cannot import torch`;
    else crashed = `${PYTHON} failed (${run.error?.message ?? `exit ${run.status}`}): ${run.stderr?.slice(-2000) ?? ''}`;
    return;
  }
  results = JSON.parse(readFileSync(resultsPath, 'utf8')) as typeof results;
}, 180_000);

afterAll(() => work.cleanup());

/** Locally, without python3-torch, these checks are skipped loudly; in CI they fail. */
function needTorch(skip: (note: string) => void): void {
  if (!torchMissing) return;
  if (process.env.CI) throw new Error(torchMissing);
  console.warn(`\n*** SKIPPED: ${torchMissing}\n`);
  skip(torchMissing);
}

describe('train.py ports Convas exactly', () => {
  it.for(['seed 1', 'seed 42', 'seed split:7'])('the generator: %s gives the same numbers, fork and shuffle', (name, ctx) => {
    needTorch((n) => ctx.skip(n));
    const r = result('rng', name);
    expect({ next: r.next, fork: r.fork, shuffle: r.shuffle }).toEqual(expected.get(`rng ${name}`));
  });

  it.for([
    'seed 1, test 0.2, validation 0.15',
    'seed 42, test 0.3, validation 0.2',
    'seed 7, test 0.2, validation 0.15, provided',
    'seed 3, test 0, validation 0.5',
  ])('the split of 240 images in groups of 1-4 equals splitDataset: %s', (name, ctx) => {
    needTorch((n) => ctx.skip(n));
    const r = result('splits', name);
    const want = expected.get(`split ${name}`) as { train: number[]; validation: number[]; test: number[] };
    expect(want.validation.length).toBeGreaterThan(0);
    expect({ train: r.train, validation: r.validation, test: r.test }).toEqual(want);
  });

  it.for([
    'RGB 37x23 -> 8x8 RGB',
    'RGB 37x23 -> 16x16 gray (luminance)',
    'RGB 30x30 -> 12x12 gray (FLAIR, channel 1)',
    'gray 5x7 -> 16x11 RGB (enlarged)',
    'gray 600x450 -> 64x64 gray',
  ])('preprocessing equals fitImage and fitMask byte for byte: %s', (name, ctx) => {
    needTorch((n) => ctx.skip(n));
    const r = result('resize', name);
    const want = expected.get(`resize ${name}`) as { image: number[]; mask: number[] };
    expect(r.image).toEqual(want.image);
    expect(r.mask).toEqual(want.mask);
  });

  it('the losses equal engine/compile/losses.ts within 1e-5 (relative), and their gradient on saturated logits is not 0', (ctx) => {
    needTorch((n) => ctx.skip(n));
    const names = Object.keys(results.losses ?? {});
    expect(names.length).toBe(21);
    for (const name of names) {
      const r = result('losses', name);
      const want = expected.get(`loss ${name}`) as number;
      expect(Math.abs((r.value as number) - want), `${name}: train.py ${String(r.value)}, Convas ${want}`).toBeLessThan(1e-5 * Math.max(1, Math.abs(want)));
      // Every loss with a cross-entropy term keeps a gradient of order 1 however far the head saturates; soft Dice
      // alone, on probabilities, does not (in Convas either), which is why 'bce+dice' is the default.
      if (name.includes('saturated') && !name.includes(' dice ')) expect(r.gradAbsMax as number, name).toBeGreaterThan(1e-4);
    }
    // Hand-computed, logits 40 on the wrong side: softmax over K = 3 with z_true = -40 and two others at +40 gives
    // -log softmax = log(2 e^40 + e^-40) + 40 = 80 + ln 2; sigmoid gives max(z, 0) - z y + log(1 + e^-40) = 40.
    expect(result('losses', 'softmax CE, saturated').value as number).toBeCloseTo(80 + Math.LN2, 4);
    expect(result('losses', 'sigmoid CE, saturated').value as number).toBeCloseTo(40, 4);
  });
});

describe('train.py steps with the learning rate Convas steps with', () => {
  it.for(['cosine, 51 steps per epoch, 510 in all', 'cosine, 7 steps per epoch, 21 in all', 'cosine, 3 steps per epoch, 3 in all', 'constant, 5 steps per epoch, 50 in all'])('%s', (name, ctx) => {
    needTorch((n) => ctx.skip(n));
    const want = expected.get(`schedule ${name}`) as number[];
    const got = result('schedules', name).rates as number[];
    expect(got).toHaveLength(want.length);
    got.forEach((r, i) => expect(r, `step ${i}`).toBeCloseTo(want[i], 15));
  });
});

describe('train.py without Pillow', () => {
  it.for([['photo.jpg', 'JPEG'], ['slice.tif', 'TIFF']])('%s: says that reading %s needs Pillow', ([name, format], ctx) => {
    needTorch((n) => ctx.skip(n));
    expect(String(result('pillow', name).message)).toMatch(new RegExp(`reading ${format} needs Pillow \\(pip install pillow\\)`));
  });
});

describe.skipIf(!HAS_REAL_DATA)(`train.py reads the real layouts as the app imports them (${HAS_REAL_DATA ? REAL_DATA : SKIP_REASON})`, () => {
  it.for(['HAM10000 (metadata + JPEG)', 'Brain Tumor MRI (Training/ + Testing/, JPEG)', 'LGG kaggle_3m (TIFF, 4 patients)'])(
    '%s: same images in the same order, labels and split; pixels equal (TIFF) or within JPEG decoder rounding',
    (name, ctx) => {
      needTorch((n) => ctx.skip(n));
      const r = result('datasets', name);
      const want = expected.get(`dataset ${name}`) as { ids: string[]; labels: number[]; split: unknown; format: string };
      expect(r.format).toBe(want.format);
      expect(r.ids).toEqual(want.ids);
      expect(r.labels).toEqual(want.labels);
      expect(r.split).toEqual(want.split);
      console.info(`${name}: ${String(r.count)} images, pixel difference max ${String(r.maxDiff)}, mean ${Number(r.meanDiff).toFixed(4)} grey levels`);
      if (name.startsWith('LGG')) {
        expect(r.maxDiff).toBe(0);
        expect(r.maskDiffs).toBe(0);
      } else {
        // Pillow's libjpeg and Convas' JPEG decoder may round an IDCT or chroma sample differently.
        expect(r.meanDiff as number).toBeLessThan(1);
      }
    },
  );
});
