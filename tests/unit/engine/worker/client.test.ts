/**
 * TrainingClient <-> worker handler over an in-process fake Worker that structured-clones every message
 * both ways (as postMessage does), with fake backend probes and the real wasm backend.
 */
import { describe, expect, it } from 'vitest';
import type { BackendProbes } from '@/engine/backends/choose';
import type { FromWorker, ToWorker } from '@/engine/protocol';
import { TrainingClient, type WorkerLike } from '@/engine/worker/client';
import { createHandler } from '@/engine/worker/handler';
import { TINY_GRAPHS } from '../compile/graphs';

const probes: BackendProbes = {
  webgpu: async () => ({ available: false, detail: 'no navigator.gpu' }),
  webgl: async () => ({ available: true, software: true, detail: 'SwiftShader' }),
  wasm: async () => ({ available: true, detail: 'WebAssembly with SIMD (XNNPACK)' }),
  cpu: async () => ({ available: true, detail: 'plain JavaScript' }),
};

/** A Worker whose other side is the real handler, in this process. */
function fakeWorker(): () => WorkerLike {
  return () => {
    const worker: WorkerLike = {
      onmessage: null,
      onerror: null,
      postMessage: (message: ToWorker) => {
        setTimeout(() => void handle(structuredClone(message)), 0);
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

function until(client: TrainingClient, type: FromWorker['type']): Promise<FromWorker[]> {
  const seen: FromWorker[] = [];
  return new Promise((resolve) => {
    const off = client.subscribe((m) => {
      seen.push(m);
      if (m.type === type) {
        off();
        resolve(seen);
      }
    });
  });
}

describe('TrainingClient with the worker handler', () => {
  const request = () => ({
    document: TINY_GRAPHS['conv-bn-pool-dense'](),
    data: { taskId: 'random-classify', count: 60, size: 8, seed: 1 },
    settings: { epochs: 2, batchSize: 8, learningRate: 0.01 },
  });

  it('announces the backend with its reason, then streams the run to done, every message tagged with the run id', async () => {
    const client = new TrainingClient(fakeWorker());
    const done = until(client, 'done');
    const runId = client.start(request());
    const messages = await done;
    expect(messages[0]).toMatchObject({ type: 'ready', backend: 'wasm', runId });
    if (messages[0].type !== 'ready') throw new Error('ready first');
    expect(messages[0].reason).toMatch(/webgl runs on a software renderer \(SwiftShader\)/);
    expect(messages.every((m) => m.runId === runId)).toBe(true);
    const types = new Set(messages.map((m) => m.type));
    for (const t of ['progress', 'start', 'batch', 'epoch', 'done']) expect(types.has(t as FromWorker['type'])).toBe(true);
    expect(messages.at(-1)).toMatchObject({ type: 'done', reason: 'completed', epochsDone: 2 });
    client.terminate();
  });

  it('stop ends the run within a batch; a second start during a run is refused for its own id', async () => {
    const client = new TrainingClient(fakeWorker());
    const done = until(client, 'done');
    let second = '';
    const offBatch = client.on('batch', (m) => {
      if (m.batch === 2 && !second) {
        second = client.start(request());
        client.stop();
      }
    });
    const first = client.start({ ...request(), backend: 'wasm' });
    const messages = await done;
    offBatch();
    const batches = messages.filter((m) => m.type === 'batch' && m.runId === first);
    expect(batches.length).toBeLessThanOrEqual(3);
    const refused = messages.find((m) => m.runId === second);
    expect(refused).toMatchObject({ type: 'error', message: 'A training run is already in progress.' });
    expect(messages.at(-1)).toMatchObject({ type: 'done', reason: 'stopped', runId: first });
    client.terminate();
  });

  it('cannot be used after terminate', () => {
    const client = new TrainingClient(fakeWorker());
    client.terminate();
    expect(() => client.stop()).toThrow(/terminated/);
  });
});
