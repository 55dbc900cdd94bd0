/**
 * A seeded tfjs reference for an export case: engine/compile's model with random weights and non-trivial
 * BatchNorm statistics, its output on a fixed input, and its artefacts saved by engine/export/artifacts.ts.
 * Not a test file.
 */
import * as tf from '@tensorflow/tfjs';
import { compileGraph } from '@/engine/compile';
import { saveArtifacts } from '@/engine/export/artifacts';
import type { TrainedArtifacts } from '@/engine/export';
import type { ExportCase } from './cases';

/** A tiny seeded generator (mulberry32): the same weights and inputs on every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The reference: what the tfjs model computes, and what it saves. */
export interface Reference {
  /** NHWC input, batch 2, values in [0, 1]. */
  input: { shape: number[]; data: Float32Array };
  /** Model output: [2, classes] or [2, H, W, classes]. */
  output: { shape: number[]; data: Float32Array };
  artifacts: TrainedArtifacts;
  /** Parameters of the tfjs model (trainable + non-trainable). */
  params: number;
  layerNames: string[];
}

/**
 * Compiles the case with engine/compile, sets seeded weights (kernels scaled by 1/sqrt(fan-in); BatchNorm
 * gamma 0.5..1.5, beta and moving mean -0.5..0.5, moving variance 0.5..2, so inference-mode BatchNorm does
 * real work), predicts on a seeded input and saves the artefacts. Disposes everything it made.
 */
export async function reference(c: ExportCase, seed = 1): Promise<Reference> {
  const compiled = compileGraph(c.doc, { info: c.task });
  if (!compiled.ok) throw new Error(`${c.name}: ${compiled.issues.map((i) => i.message).join('; ')}`);
  const model = compiled.model;
  const random = rng(seed);
  const uniform = (lo: number, hi: number) => lo + (hi - lo) * random();
  const values = model.weights.map((w) => {
    const shape = w.shape as number[];
    const size = shape.reduce((a, b) => a * b, 1);
    const role = w.originalName.slice(w.originalName.lastIndexOf('/') + 1);
    const fanIn = shape.length > 1 ? size / shape[shape.length - 1] : 1;
    const data = new Float32Array(size);
    for (let i = 0; i < size; i++) {
      data[i] =
        role === 'gamma' ? uniform(0.5, 1.5)
        : role === 'moving_variance' ? uniform(0.5, 2)
        : role === 'kernel' ? uniform(-1, 1) * Math.sqrt(3 / fanIn)
        : uniform(-0.5, 0.5);
    }
    return tf.tensor(data, shape);
  });
  model.setWeights(values);
  tf.dispose(values);
  const [h, w, ch] = compiled.inputShape;
  const inputData = new Float32Array(2 * h * w * ch).map(() => random());
  const x = tf.tensor4d(inputData, [2, h, w, ch]);
  const y = model.predict(x) as tf.Tensor;
  const output = { shape: y.shape, data: (await y.data()) as Float32Array };
  tf.dispose([x, y]);
  const artifacts = await saveArtifacts(model);
  const params = model.countParams();
  const layerNames = model.layers.map((l) => l.name);
  model.dispose();
  return { input: { shape: [2, h, w, ch], data: inputData }, output, artifacts, params, layerNames };
}
