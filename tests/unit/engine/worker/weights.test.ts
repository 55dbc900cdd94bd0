/**
 * The `exportWeights` request (engine/protocol.ts): TrainingClient.requestWeights <-> the worker handler,
 * over an in-process fake Worker that structured-clones every message and transfers the reply port, as
 * postMessage does. Real training on the wasm backend, tiny graph.
 */
import { describe, expect, it } from 'vitest';
import type { BackendProbes } from '@/engine/backends/choose';
import { exportGraph } from '@/engine/export';
import { decodeArtifacts } from '@/engine/export/weights';
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

describe('exportWeights: the trained model back from the worker', () => {
  it('hands back the last finished run as tfjs artefacts that export with the graph; earlier runs are gone', async () => {
    const client = new TrainingClient(fakeWorker());
    const first = await run(client);
    expect(first.reason).toBe('completed');
    const artifacts = await client.requestWeights(first.runId);
    const tensors = decodeArtifacts(artifacts);
    // 8x8x1: conv 3*3*1*4 + 4 = 40; BN 4 x (gamma, beta, mean, variance) = 16; dense 64*8 + 8 = 520;
    // output 8*3 + 3 = 27 -> 603 values in 10 tensors, what tfjs counted at the start of the run.
    expect(tensors).toHaveLength(10);
    expect(tensors.reduce((n, t) => n + t.data.length, 0)).toBe(603);
    expect(first.params).toBe(603);
    expect(tensors.every((t) => t.data.every(Number.isFinite))).toBe(true);
    const files = exportGraph(TINY_GRAPHS['conv-bn-pool-dense'](), 'pytorch', { weights: artifacts }).files.map((f) => f.path);
    expect(files).toContain('weights.safetensors');

    const second = await run(client);
    await expect(client.requestWeights(first.runId)).rejects.toThrow(/no longer holds the weights of this run/);
    expect(decodeArtifacts(await client.requestWeights(second.runId))).toHaveLength(10);
    client.terminate();
  });

  it('refuses a run it never trained', async () => {
    const client = new TrainingClient(fakeWorker());
    await expect(client.requestWeights('run-unknown')).rejects.toThrow(/Train again to export trained weights/);
    client.terminate();
  });

  it('fails a request the worker never answers: at the timeout, or at once when the client is terminated', async () => {
    const hung = new TrainingClient(fakeWorker(true));
    await expect(hung.requestWeights('run-1', 30)).rejects.toThrow(/did not answer/);
    const pending = hung.requestWeights('run-1');
    hung.terminate();
    await expect(pending).rejects.toThrow(/closed/);
  });
});
