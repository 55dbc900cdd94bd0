/**
 * The worker handler with data-parallel helpers (Node worker threads standing in for nested web workers)
 * and with 'auto' timed by measurement (fake timings): worker count from the cores and the batch's work
 * (Auto) or the message, the trained model still answers weight and feature-map requests, and timings are
 * measured once per device and graph size.
 */
import { describe, expect, it } from 'vitest';
import type { BackendProbes } from '@/engine/backends/choose';
import type { BackendTiming } from '@/engine/backends/timing';
import { nodeReplicas } from '@/engine/parallel/nodeReplicas';
import type { FromWorker } from '@/engine/protocol';
import { TrainingClient } from '@/engine/worker/client';
import type { BackendName } from '@/graph/types';
import type { GraphDocument } from '@/graph/types';
import { chainDoc, TINY_GRAPHS } from '../compile/graphs';
import { fakeWorker } from './fakeWorker';

/** Runs one tiny training through `client` and resolves with all its messages. */
function runTiny(client: TrainingClient, extra: { workers?: number; backend?: 'auto' | BackendName; document?: GraphDocument; size?: number } = {}): Promise<FromWorker[]> {
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
      document: extra.document ?? TINY_GRAPHS['conv-bn-pool-dense'](),
      data: { taskId: 'random-classify', count: 40, size: extra.size ?? 8, seed: 3 },
      settings: { epochs: 1, batchSize: 8, learningRate: 0.01, validationFraction: 0 },
      backend: extra.backend ?? 'wasm',
      ...(extra.workers ? { workers: extra.workers } : {}),
    });
  });
}

/**
 * 64x64x1 -> conv 16 -> conv 16 -> global average pool -> [3]: 0.59 M + 9.44 M = 10.03 M multiply-adds an
 * image, 80 M a batch of 8: two shards of 40 M, over engine/parallel's MIN_SHARD_MACS (25 M).
 */
const enoughWork = () =>
  chainDoc({ id: 'random-classify' }, [
    ['in', 'Input', { height: 64, width: 64, channels: 1 }],
    ['c1', 'Conv2D', { filters: 16, activation: 'relu' }],
    ['c2', 'Conv2D', { filters: 16, activation: 'relu' }],
    ['gap', 'GlobalAveragePooling2D'],
    ['out', 'Output', { head: 'classification' }],
  ]);

const workersLine = (seen: FromWorker[]) => seen.filter((m) => m.type === 'log' && m.code === 'workers').map((m) => (m as { message: string }).message);

describe('training worker with data-parallel helpers', () => {
  it('trains on as many workers as asked; weights and feature maps still come back', async () => {
    const client = new TrainingClient(fakeWorker({ deps: { replicas: nodeReplicas, cores: 2 } }));
    try {
      const two = await runTiny(client, { workers: 2 });
      expect(two.find((m) => m.type === 'start')).toMatchObject({ workers: 2 });
      expect(workersLine(two)).toEqual(['Training on 2 workers, each computing a share of every batch.']);
      const done = two.at(-1);
      expect(done).toMatchObject({ type: 'done', reason: 'completed' });
      const runId = client.runId!;
      const artifacts = await client.requestWeights(runId);
      expect(artifacts.weightSpecs?.length).toBeGreaterThan(0);
      const maps = await client.requestFeatureMaps(runId, new Float32Array(64).fill(0.5), 4);
      expect(maps.maps.length).toBeGreaterThan(0);

      const one = await runTiny(client, { workers: 1 });
      expect(one.find((m) => m.type === 'start')).toMatchObject({ workers: 1 });
      expect(workersLine(one)).toEqual([]);
    } finally {
      client.terminate();
    }
  });

  it('on Auto, takes every core for a batch with work to share, and one worker, saying why, for a tiny one', async () => {
    const client = new TrainingClient(fakeWorker({ deps: { replicas: nodeReplicas, cores: 2 } }));
    try {
      const big = await runTiny(client, { document: enoughWork(), size: 64 });
      expect(big.find((m) => m.type === 'start')).toMatchObject({ workers: 2 });
      expect(workersLine(big)).toEqual(['Training on 2 workers, each computing a share of every batch.']);
      expect(big.at(-1)).toMatchObject({ type: 'done', reason: 'completed' });

      // The tiny graph: 8x8 images, a batch of 8, far under one shard's 25 M multiply-adds.
      const tiny = await runTiny(client);
      expect(tiny.find((m) => m.type === 'start')).toMatchObject({ workers: 1 });
      const [why] = workersLine(tiny);
      expect(why).toMatch(/^Auto trains this graph on 1 worker of the 2 the cores allow: a batch of 8 is [\d.]+ k multiply-adds a forward pass/);
      expect(why).toMatch(/ Settings > Workers overrides it\.$/);
      expect(workersLine(tiny)).toHaveLength(1);
      expect(tiny.at(-1)).toMatchObject({ type: 'done', reason: 'completed' });
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
