/**
 * Test doubles for the worker tests: an in-process fake Worker whose other side is the real handler
 * (structured clone both ways, transfer lists honoured, as postMessage does), and a tiny wasm training run.
 * Shared so that client, exportWeights and featureMaps tests exercise the same message path.
 */
import type { BackendProbes } from '@/engine/backends/choose';
import type { FromWorker, ToWorker } from '@/engine/protocol';
import type { TrainingClient, WorkerLike } from '@/engine/worker/client';
import { createHandler, type HandlerDeps } from '@/engine/worker/handler';
import { TINY_GRAPHS } from '../compile/graphs';

/** Probes of a machine with wasm and cpu only: the handler picks wasm. */
export const WASM_PROBES: BackendProbes = {
  webgpu: async () => ({ available: false, detail: 'no navigator.gpu' }),
  webgl: async () => ({ available: false, detail: 'no WebGL' }),
  wasm: async () => ({ available: true, detail: 'WebAssembly with SIMD (XNNPACK)' }),
  cpu: async () => ({ available: true, detail: 'plain JavaScript' }),
};

/** A Worker whose other side is the real handler; `silent` drops every message (a hung worker). */
export function fakeWorker({
  probes = WASM_PROBES,
  silent = false,
  deps = {},
}: { probes?: BackendProbes; silent?: boolean; deps?: Partial<Omit<HandlerDeps, 'post' | 'probes'>> } = {}): () => WorkerLike {
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
      ...deps,
      probes,
      post: (message: FromWorker) => worker.onmessage?.({ data: structuredClone(message) } as MessageEvent<FromWorker>),
    });
    return worker;
  };
}

/** Trains the tiny conv-bn-pool-dense graph on wasm and resolves with its run id, parameter count and end reason. */
export function trainTiny(client: TrainingClient, epochs = 1): Promise<{ runId: string; params: number; reason: string }> {
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
