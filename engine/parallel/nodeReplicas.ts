/**
 * Helper replicas as Node worker threads, for the CLI, the benchmarks and the tests. Node only (imports
 * node:worker_threads); the browser uses ./browserReplicas.ts.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { FromReplica, ToReplica } from './messages';
import type { ReplicaFactory } from './port';

const ENTRY = new URL('./nodeReplica.mjs', import.meta.url);

/** The machine's logical cores, as the worker count starts from. */
export function nodeCores(): number {
  return availableParallelism();
}

/** A worker thread per helper. */
export const nodeReplicas: ReplicaFactory = () => {
  // Not unref'd: the training loop awaits its messages. The stepper terminates it when the run ends.
  const worker = new Worker(ENTRY);
  let handler: ((message: FromReplica) => void) | null = null;
  worker.on('message', (message: FromReplica) => handler?.(message));
  worker.on('error', (error: Error) => handler?.({ type: 'failed', message: `A training worker thread failed: ${error.message}` }));
  return {
    postMessage: (message: ToReplica, transfer?: Transferable[]) => worker.postMessage(message, (transfer ?? []) as ArrayBuffer[]),
    onMessage(fn) {
      handler = fn;
    },
    terminate: () => void worker.terminate(),
    slowMessages: true,
  };
};
