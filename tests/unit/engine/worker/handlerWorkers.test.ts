/**
 * The worker handler with data-parallel helpers (Node worker threads standing in for nested web workers)
 * and with 'auto' timed by measurement (fake timings): worker count from the cores or the message, the
 * trained model still answers weight and feature-map requests, and timings are measured once per device
 * and graph size.
 */
import { describe, expect, it } from 'vitest';
import type { BackendProbes } from '@/engine/backends/choose';
import type { BackendTiming } from '@/engine/backends/timing';
import { nodeReplicas } from '@/engine/parallel/nodeReplicas';
import type { FromWorker } from '@/engine/protocol';
import { TrainingClient } from '@/engine/worker/client';
import type { BackendName } from '@/graph/types';
import { TINY_GRAPHS } from '../compile/graphs';
import { fakeWorker } from './fakeWorker';

/** Runs one tiny training through `client` and resolves with all its messages. */
function runTiny(client: TrainingClient, extra: { workers?: number; backend?: 'auto' | BackendName } = {}): Promise<FromWorker[]> {
  return new Promise((resolve) => {
    const seen: FromWorker[] = [];
    const off = client.subscribe((m) => {
      seen.push(m);
      if (m.type === 'done') {
        off();
        resolve(seen);
      }
    });
    client.start({
      document: TINY_GRAPHS['conv-bn-pool-dense'](),
      data: { taskId: 'random-classify', count: 40, size: 8, seed: 3 },
      settings: { epochs: 1, batchSize: 8, learningRate: 0.01, validationFraction: 0 },
      backend: extra.backend ?? 'wasm',
      ...(extra.workers ? { workers: extra.workers } : {}),
    });
  });
}

describe('training worker with data-parallel helpers', () => {
  it('trains on as many workers as the cores suggest, or as asked; weights and feature maps still come back', async () => {
    const client = new TrainingClient(fakeWorker({ deps: { replicas: nodeReplicas, cores: 2 } }));
    try {
      const auto = await runTiny(client);
      expect(auto.find((m) => m.type === 'start')).toMatchObject({ workers: 2 });
      expect(auto.some((m) => m.type === 'log' && m.code === 'workers' && /2 workers/.test(m.message))).toBe(true);
      const done = auto.at(-1);
      expect(done).toMatchObject({ type: 'done', reason: 'completed' });
      const runId = client.runId!;
      const artifacts = await client.requestWeights(runId);
      expect(artifacts.weightSpecs?.length).toBeGreaterThan(0);
      const maps = await client.requestFeatureMaps(runId, new Float32Array(64).fill(0.5), 4);
      expect(maps.maps.length).toBeGreaterThan(0);

      const one = await runTiny(client, { workers: 1 });
      expect(one.find((m) => m.type === 'start')).toMatchObject({ workers: 1 });
    } finally {
      client.terminate();
    }
  });
});

describe("'auto' chosen by measuring", () => {
  const gpuMachine: BackendProbes = {
    webgpu: async () => ({ available: false, detail: 'no adapter' }),
    webgl: async () => ({ available: true, detail: 'ANGLE (Intel UHD 620)' }),
    wasm: async () => ({ available: true, detail: 'WebAssembly with SIMD (XNNPACK)' }),
    cpu: async () => ({ available: true, detail: 'plain JavaScript' }),
  };

  it('times webgl and wasm on the graph, takes the faster, says the figures, and measures once per graph size', async () => {
    const measured: string[] = [];
    const measure = async (name: BackendName): Promise<BackendTiming> => {
      measured.push(name);
      return { name, imagesPerSecond: name === 'wasm' ? 480 : 210, detail: '3 steps' };
    };
    const client = new TrainingClient(fakeWorker({ probes: gpuMachine, deps: { measure, cores: 2 } }));
    try {
      const first = await runTiny(client, { backend: 'auto' });
      const ready = first.find((m) => m.type === 'ready');
      expect(ready).toMatchObject({ backend: 'wasm', reason: 'fastest on this graph: wasm 480 img/s (measured: webgl 210 img/s)' });
      expect(first.some((m) => m.type === 'progress' && m.phase === 'Timing webgl on this graph')).toBe(true);
      expect(measured).toEqual(['webgl', 'wasm']);
      await runTiny(client, { backend: 'auto' });
      expect(measured).toEqual(['webgl', 'wasm']);
      // An explicit choice is never measured.
      const explicit = await runTiny(client, { backend: 'wasm' });
      expect(explicit.find((m) => m.type === 'ready')).toMatchObject({ backend: 'wasm' });
      expect(measured).toHaveLength(2);
    } finally {
      client.terminate();
    }
  });
});
