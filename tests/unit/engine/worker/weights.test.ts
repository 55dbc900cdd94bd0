/**
 * The `exportWeights` request (engine/protocol.ts): TrainingClient.requestWeights <-> the worker handler,
 * over an in-process fake Worker that structured-clones every message and transfers the reply port, as
 * postMessage does. Real training on the wasm backend, tiny graph.
 */
import { describe, expect, it } from 'vitest';
import { exportGraph } from '@/engine/export';
import { decodeArtifacts } from '@/engine/export/weights';
import { TrainingClient } from '@/engine/worker/client';
import { TINY_GRAPHS } from '../compile/graphs';
import { fakeWorker, trainTiny } from './fakeWorker';

describe('exportWeights: the trained model back from the worker', () => {
  it('hands back the last finished run as tfjs artefacts that export with the graph; earlier runs are gone', async () => {
    const client = new TrainingClient(fakeWorker());
    const first = await trainTiny(client);
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

    const second = await trainTiny(client);
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
    const hung = new TrainingClient(fakeWorker({ silent: true }));
    await expect(hung.requestWeights('run-1', 30)).rejects.toThrow(/did not answer/);
    const pending = hung.requestWeights('run-1');
    hung.terminate();
    await expect(pending).rejects.toThrow(/closed/);
  });
});
