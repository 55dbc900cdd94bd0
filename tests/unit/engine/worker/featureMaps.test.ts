/**
 * The `featureMaps` request (engine/protocol.ts): TrainingClient.requestFeatureMaps <-> the worker handler over
 * an in-process fake Worker (structured clone, transferred port and buffers), after a real tiny wasm run.
 */
import { describe, expect, it } from 'vitest';
import type { BackendProbes } from '@/engine/backends/choose';
import type { FromWorker, ToWorker } from '@/engine/protocol';
import { TrainingClient, type WorkerLike } from '@/engine/worker/client';
import { createHandler } from '@/engine/worker/handler';
import { TINY_GRAPHS } from '../compile/graphs';

const probes: BackendProbes = {
  webgpu: async () => ({ available: false, detail: 'no navigator.gpu' }),
  webgl: async () => ({ available: false, detail: 'no WebGL' }),
  wasm: async () => ({ available: true, detail: 'WebAssembly with SIMD (XNNPACK)' }),
  cpu: async () => ({ available: true, detail: 'plain JavaScript' }),
};

/** A Worker whose other side is the real handler; `silent` drops every message (a hung worker). */
function fakeWorker(silent = false): () => WorkerLike {
  return () => {
    const worker: WorkerLike = {
      onmessage: null,
      onerror: null,
      postMessage: (message: ToWorker, transfer?: Transferable[]) => {
        if (silent) return;
        const copy = structuredClone(message, { transfer: (transfer ?? []) as Transferable[] });
        setTimeout(() => void handle(copy), 0);
      },
      terminate: () => undefined,
    };
    const handle = createHandler({
      probes,
      post: (message: FromWorker) => worker.onmessage?.({ data: structuredClone(message) } as MessageEvent<FromWorker>),
    });
    return worker;
  };
}

/** Starts a run and resolves with its `start` and `done` events. */
function run(client: TrainingClient, epochs = 1): Promise<{ runId: string; params: number; reason: string }> {
  return new Promise((resolve) => {
    let params = 0;
    const off = client.subscribe((m) => {
      if (m.type === 'start') params = m.params;
      if (m.type === 'done' && m.runId === runId) {
        off();
        resolve({ runId, params, reason: m.reason });
      }
    });
    const runId = client.start({
      document: TINY_GRAPHS['conv-bn-pool-dense'](),
      data: { taskId: 'random-classify', count: 40, size: 8, seed: 3 },
      settings: { epochs, batchSize: 8, learningRate: 0.01, validationFraction: 0 },
      backend: 'wasm',
    });
  });
}

describe('featureMaps request: activation maps of the last finished run', () => {
  it('answers with each conv/pool map of the trained model for an image; refuses other runs and wrong sizes', async () => {
    const client = new TrainingClient(fakeWorker());
    const done = await run(client);
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
