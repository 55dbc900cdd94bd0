/**
 * The `featureMaps` request (engine/protocol.ts): TrainingClient.requestFeatureMaps <-> the worker handler over
 * an in-process fake Worker (structured clone, transferred port and buffers), after a real tiny wasm run.
 */
import { describe, expect, it } from 'vitest';
import { TrainingClient } from '@/engine/worker/client';
import { fakeWorker, trainTiny } from './fakeWorker';

describe('featureMaps request: activation maps of the last finished run', () => {
  it('answers with each conv/pool map of the trained model for an image; refuses other runs and wrong sizes', async () => {
    const client = new TrainingClient(fakeWorker());
    const done = await trainTiny(client);
    expect(done.reason).toBe('completed');
    const image = Float32Array.from({ length: 8 * 8 }, (_, i) => (i % 8) / 8);
    const result = await client.requestFeatureMaps(done.runId, image, 2);
    // conv-bn-pool-dense at 8x8x1: a 4-filter conv and its activation keep 8x8 (BatchNorm not shown), the pool halves it; 2 of 4 channels kept.
    expect(result.maps.map((m) => [m.className, m.height, m.width, m.channels, m.shown, m.data.length])).toEqual([
      ['Conv2D', 8, 8, 4, 2, 128],
      ['LeakyReLU', 8, 8, 4, 2, 128],
      ['MaxPooling2D', 4, 4, 4, 2, 32],
    ]);
    expect(result.maps.every((m) => m.data.every(Number.isFinite))).toBe(true);
    expect(result.filters && [result.filters.kernel, result.filters.inChannels, result.filters.filters, result.filters.shown]).toEqual([3, 1, 4, 2]);

    await expect(client.requestFeatureMaps(done.runId, new Float32Array(3))).rejects.toThrow(/expects 8x8x1/);
    await expect(client.requestFeatureMaps('run-unknown', image)).rejects.toThrow(/Train again to see its feature maps/);
    client.terminate();
  });
});
