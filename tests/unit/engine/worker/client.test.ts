/**
 * TrainingClient <-> worker handler over an in-process fake Worker that structured-clones every message
 * both ways (as postMessage does), with fake backend probes and the real wasm backend.
 */
import { describe, expect, it } from 'vitest';
import type { BackendProbes } from '@/engine/backends/choose';
import type { FromWorker } from '@/engine/protocol';
import { TrainingClient } from '@/engine/worker/client';
import { TINY_GRAPHS } from '../compile/graphs';
import { WASM_PROBES, fakeWorker } from './fakeWorker';

/** wasm picked: WebGL is there but only as a software renderer. */
const probes: BackendProbes = {
  ...WASM_PROBES,
  webgl: async () => ({ available: true, software: true, detail: 'SwiftShader' }),
};

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
    const client = new TrainingClient(fakeWorker({ probes }));
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
    const client = new TrainingClient(fakeWorker({ probes }));
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
    const client = new TrainingClient(fakeWorker({ probes }));
    client.terminate();
    expect(() => client.stop()).toThrow(/terminated/);
  });
});
