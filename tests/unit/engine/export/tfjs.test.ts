/**
 * TensorFlow.js export, for every case of the table: model.json + weights.bin load back with
 * tf.loadLayersModel and give the compiled model's outputs; model.js, imported as the ES module it is,
 * builds the same topology as engine/compile (layer names, classes, configs, connections) and, with the
 * trained weights set, the same outputs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { softDiceLoss } from '@/engine/compile';
import { learningRateAt } from '@/engine/train/schedule';
import { createRng } from '@/engine/datasets/rng';
import { exportGraph, type ExportFile } from '@/engine/export';
import { exportCases, type ExportCase } from './cases';
import { reference, type Reference } from './reference';
import { scratch, writeFiles } from './run';

const CASES = exportCases();
const work = scratch('export-tfjs');
const references = new Map<string, Promise<Reference>>();

/** One seeded reference per case, shared by both tests (building it is most of their time). */
function referenceOf(c: ExportCase): Promise<Reference> {
  if (!references.has(c.name)) references.set(c.name, reference(c));
  return references.get(c.name) as Promise<Reference>;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => work.cleanup());

function file(files: ExportFile[], path: string): ExportFile {
  const f = files.find((x) => x.path === path);
  if (!f) throw new Error(`no ${path} in ${files.map((x) => x.path).join(', ')}`);
  return f;
}

async function predict(model: tf.LayersModel, ref: Reference): Promise<Float32Array> {
  const x = tf.tensor(ref.input.data, ref.input.shape);
  const y = model.predict(x) as tf.Tensor;
  const data = (await y.data()) as Float32Array;
  tf.dispose([x, y]);
  return data;
}

function maxDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/**
 * The Keras-format layer list without the model's own name, for comparing two topologies. Stock tfjs leaves
 * SeparableConv2D's depth_multiplier out of its config (Convas' compiler puts it back, engine/compile/builders.ts),
 * so a model.js run on stock tfjs lacks it: it is left out of the comparison, and the outputs below check it.
 */
function layersOf(topology: unknown): unknown {
  const layers = (topology as { config: { layers: { class_name: string; config: Record<string, unknown> }[] } }).config.layers;
  return layers.map((l) => {
    if (l.class_name !== 'SeparableConv2D') return l;
    const { depth_multiplier: _multiplier, ...config } = l.config;
    return { ...l, config };
  });
}

describe('TensorFlow.js export', () => {
  it.each(CASES)('$name: model.json + weights.bin load back and predict as the compiled model', async (c) => {
    const ref = await referenceOf(c);
    const { files } = exportGraph(c.doc, 'tfjs', { weights: ref.artifacts, task: c.task });
    expect(files.map((f) => f.path)).toEqual(['model.js', 'model.json', 'weights.bin', 'README.md']);
    const json = JSON.parse(file(files, 'model.json').content as string);
    expect(json.format).toBe('layers-model');
    expect(json.weightsManifest).toEqual([{ paths: ['weights.bin'], weights: ref.artifacts.weightSpecs }]);
    const bin = file(files, 'weights.bin').content as Uint8Array;
    const weightData = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) as ArrayBuffer;
    const loaded = await tf.loadLayersModel(
      tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData }),
    );
    expect(maxDiff(await predict(loaded, ref), ref.output.data)).toBe(0);
    loaded.dispose();
  });

  it.each(CASES)('$name: model.js builds the compiled topology and, with the weights, its outputs', async (c) => {
    const ref = await referenceOf(c);
    const { files } = exportGraph(c.doc, 'tfjs', { weights: ref.artifacts, task: c.task });
    const dir = join(work.dir, c.name);
    writeFiles(dir, files);
    const module = (await import(/* @vite-ignore */ pathToFileURL(join(dir, 'model.js')).href)) as {
      buildModel: () => tf.LayersModel;
      compileModel: (m: tf.LayersModel) => tf.LayersModel;
      INPUT_SHAPE: number[];
      CLASSES: string[];
    };
    const built = module.buildModel();
    const topology = built.toJSON(null, false);
    expect(layersOf(topology)).toEqual(layersOf(ref.artifacts.modelTopology));
    expect(module.INPUT_SHAPE).toEqual(ref.input.shape.slice(1));
    if (c.task) expect(module.CLASSES).toEqual(c.task.classes);
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(ref.artifacts));
    built.setWeights(loaded.getWeights());
    expect(maxDiff(await predict(built, ref), ref.output.data)).toBe(0);
    // compileModel sets the document's optimiser and loss without throwing.
    expect(module.compileModel(built).optimizer).toBeDefined();
    built.dispose();
    loaded.dispose();
  });

  it.for(['unet-concat', 'transposed'])('%s: model.js\' softDiceLoss is Convas\' soft Dice, over the batch and per image', async (name) => {
    const c = CASES.find((x) => x.name === name);
    if (!c) throw new Error(name);
    const dir = join(work.dir, `${name}-dice`);
    writeFiles(dir, exportGraph(c.doc, 'tfjs', { task: c.task }).files);
    const module = (await import(/* @vite-ignore */ pathToFileURL(join(dir, 'model.js')).href)) as {
      softDiceLoss: (y: tf.Tensor, p: tf.Tensor, mode?: string) => tf.Scalar;
      TRAINING: { diceMode: string };
    };
    expect(module.TRAINING.diceMode).toBe(c.doc.training.diceMode);
    // 3 images of 4x4 with K channels (1, or 3 for the multi-class head); image 0's target is empty.
    const k = name === 'transposed' ? 3 : 1;
    const rng = createRng(name);
    const y = Array.from({ length: 3 * 16 * k }, (_, i) => (i < 16 * k ? 0 : rng.bool(0.4) ? 1 : 0));
    const p = Array.from({ length: y.length }, () => rng.next());
    for (const mode of ['batch', 'image'] as const) {
      const [ours, theirs] = tf.tidy(() => [softDiceLoss(tf.tensor4d(y, [3, 4, 4, k]), tf.tensor4d(p, [3, 4, 4, k]), mode), module.softDiceLoss(tf.tensor4d(y, [3, 4, 4, k]), tf.tensor4d(p, [3, 4, 4, k]), mode)]);
      const [a, b] = [(await ours.data())[0], (await theirs.data())[0]];
      tf.dispose([ours, theirs]);
      expect(a).toBeGreaterThan(0);
      expect(b).toBeCloseTo(a, 6);
    }
  });

  it("model.js' learningRateAt is Convas' schedule, and scheduleCallback makes model.fit step with it", async () => {
    const c = CASES.find((x) => x.name === 'hostile-names') as ExportCase; // 8x8x2 input: a fit of 3 epochs takes moments
    const dir = join(work.dir, `${c.name}-schedule`);
    const doc = { ...c.doc, training: { ...c.doc.training, schedule: 'cosine' as const, epochs: 3, learningRate: 0.01 } };
    writeFiles(dir, exportGraph(doc, 'tfjs', { task: c.task }).files);
    const module = (await import(/* @vite-ignore */ pathToFileURL(join(dir, 'model.js')).href)) as {
      learningRateAt: (step: number, stepsPerEpoch: number, totalSteps: number, peak?: number, schedule?: string) => number;
      scheduleCallback: (m: tf.LayersModel, stepsPerEpoch: number) => tf.CustomCallback;
      buildModel: () => tf.LayersModel;
      compileModel: (m: tf.LayersModel) => tf.LayersModel;
      TRAINING: { schedule: string; epochs: number };
    };
    expect(module.TRAINING.schedule).toBe('cosine');
    for (const [stepsPerEpoch, total] of [[10, 100], [7, 21], [1, 3]])
      for (let step = 0; step < total; step++)
        expect(module.learningRateAt(step, stepsPerEpoch, total)).toBeCloseTo(learningRateAt(0.01, 'cosine', { step, stepsPerEpoch, totalSteps: total }), 12);
    expect(module.learningRateAt(5, 10, 100, 0.01, 'constant')).toBe(0.01);
    // 3 epochs of 2 batches: the optimizer's last rate is the schedule's at step 5 of 6.
    const model = module.compileModel(module.buildModel());
    const [, ...rest] = model.inputs[0].shape as number[];
    const x = tf.zeros([4, ...rest]);
    const y = tf.zeros([4, ...(model.outputs[0].shape.slice(1) as number[])]);
    await model.fit(x, y, { epochs: 3, batchSize: 2, verbose: 0, callbacks: [module.scheduleCallback(model, 2)] });
    const last = (model.optimizer as unknown as { learningRate: number }).learningRate;
    expect(last).toBeCloseTo(learningRateAt(0.01, 'cosine', { step: 5, stepsPerEpoch: 2, totalSteps: 6 }), 12);
    expect(last).toBeLessThan(0.01);
    tf.dispose([x, y]);
    model.dispose();
  });
});
