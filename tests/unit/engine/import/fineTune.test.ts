/**
 * Imported weights reach the trained model: a tfjs classifier imported and trained for one epoch with a
 * vanishing learning rate predicts what the original predicts (the head keeps its imported bias rather
 * than the class prior), and with a real learning rate it trains (the loss is finite and the weights move).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '@/engine/backends';
import { fileListSource } from '@/engine/datasets/import/source';
import { importModel } from '@/engine/import';
import { train, type LogEvent, type TrainEvent } from '@/engine/train';
import { asFiles, randomiseWeights, saveModel, sequentialClassifier } from './tfjsModels';

beforeAll(async () => {
  await initBackend('wasm');
});

async function imported() {
  const model = sequentialClassifier(3);
  randomiseWeights(model, 3);
  const saved = await saveModel(model, 1);
  return { model, m: await importModel(fileListSource(asFiles(saved))) };
}

describe('training an imported model', () => {
  it('starts from the imported weights (same predictions after an epoch at learning rate 1e-12)', async () => {
    const { model, m } = await imported();
    expect(m.doc.task.id).toBe('random-classify');
    const events: TrainEvent[] = [];
    const result = await train(
      {
        document: m.doc,
        data: { taskId: 'random-classify', count: 40, size: 12, seed: 2 },
        settings: { epochs: 1, batchSize: 8, learningRate: 1e-12, augment: false },
        initialWeights: m.weights,
        keepModel: true,
      },
      { onEvent: (e) => events.push(e) },
    );
    const log = events.find((e): e is LogEvent => e.type === 'log' && e.code === 'imported-weights');
    expect(log?.message).toContain('3 of 3 weighted layers');
    const trained = result.compiled?.model as tf.LayersModel;
    const diff = tf.tidy(() => {
      const x = tf.randomUniform([4, 12, 12, 1], 0, 1, 'float32', 9);
      return tf.max(tf.abs(tf.sub(model.predict(x) as tf.Tensor, trained.predict(x) as tf.Tensor))).dataSync()[0];
    });
    expect(diff).toBeLessThan(1e-4);
    trained.dispose();
    model.dispose();
  });

  it('fine-tunes: one epoch at learning rate 0.01 moves the imported weights and keeps the loss finite', async () => {
    const { model, m } = await imported();
    const result = await train(
      {
        document: m.doc,
        data: { taskId: 'random-classify', count: 40, size: 12, seed: 2 },
        settings: { epochs: 1, batchSize: 8, learningRate: 0.01 },
        initialWeights: m.weights,
        keepModel: true,
      },
      { onEvent: () => undefined },
    );
    expect(result.reason).toBe('completed');
    expect(Number.isFinite(result.history[0].trainLoss)).toBe(true);
    const trained = result.compiled?.model as tf.LayersModel;
    const moved = tf.tidy(() => tf.max(tf.abs(tf.sub(model.getLayer('fc1').getWeights()[0], trained.getLayer('fc1').getWeights()[0]))).dataSync()[0]);
    expect(moved).toBeGreaterThan(1e-4);
    trained.dispose();
    model.dispose();
  });
});
