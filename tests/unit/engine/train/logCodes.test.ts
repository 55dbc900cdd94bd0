/**
 * Log events carry a code, so the UI acts on what a line is about rather than on its wording: a loss that
 * climbs far above its start is 'lr-too-high' with the learning rate to try (8x8 tiny graph, lr 100).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '@/engine/backends';
import { suggestedLearningRate, train, type LogEvent, type TrainEvent } from '@/engine/train';
import { TINY_GRAPHS } from '../compile/graphs';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('log event codes', () => {
  it('reports a too-high learning rate as lr-too-high with the suggested value, and info lines with their own codes', async () => {
    const events: TrainEvent[] = [];
    await train(
      {
        document: TINY_GRAPHS['conv-bn-pool-dense'](),
        data: { taskId: 'random-classify', count: 96, size: 8, seed: 5 },
        settings: { epochs: 2, batchSize: 8, learningRate: 100 },
      },
      { onEvent: (e) => events.push(e) },
    );
    const logs = events.filter((e): e is LogEvent => e.type === 'log');
    const tooHigh = logs.filter((l) => l.code === 'lr-too-high');
    expect(tooHigh).toHaveLength(1);
    expect(tooHigh[0].level).toBe('warning');
    expect(tooHigh[0].suggestedLearningRate).toBe(suggestedLearningRate(100, 'adam'));
    expect(tooHigh[0].message).toContain(String(tooHigh[0].suggestedLearningRate));
    expect(logs.filter((l) => l.code === 'evaluating-test')).toHaveLength(1);
  });
});
