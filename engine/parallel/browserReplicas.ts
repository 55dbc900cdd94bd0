/**
 * Helper replicas as module Web Workers (bundlers emit ./replicaWorker.ts as its own chunk). Used by the
 * training worker, which starts them as nested workers; needs SharedArrayBuffer (a crossOriginIsolated page).
 */
import type { FromReplica, ToReplica } from './messages';
import type { ReplicaFactory, ReplicaPort } from './port';

/** Wraps a Worker running the replica entry as a {@link ReplicaPort}. */
export function workerPort(worker: Worker): ReplicaPort {
  return {
    postMessage: (message: ToReplica, transfer?: Transferable[]) => worker.postMessage(message, transfer ?? []),
    onMessage(fn: (message: FromReplica) => void) {
      worker.onmessage = (event: MessageEvent<FromReplica>) => fn(event.data);
      worker.onerror = (event: ErrorEvent) => {
        event.preventDefault?.();
        fn({ type: 'failed', message: `A training worker failed to start: ${event.message || 'unknown error'}` });
      };
    },
    terminate: () => worker.terminate(),
  };
}

/** The app's factory: a module worker per helper. */
export const browserReplicas: ReplicaFactory = () =>
  workerPort(new Worker(new URL('./replicaWorker.ts', import.meta.url), { type: 'module', name: 'convas-replica' }));
