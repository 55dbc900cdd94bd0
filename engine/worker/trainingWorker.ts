/**
 * The training web worker's entry: wires `self` to the handler (engine/worker/handler.ts). Training runs
 * here so the UI thread never blocks; the UI reaches it only through TrainingClient (./client.ts).
 */
import { browserProbes } from '../backends/probe';
import { browserReplicas } from '../parallel/browserReplicas';
import type { FromWorker, ToWorker } from '../protocol';
import { createHandler } from './handler';

/** The parts of DedicatedWorkerGlobalScope used here (the project's TS lib types `self` as a Window). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: FromWorker): void;
}

const scope = self as unknown as WorkerScope;
// Data-parallel helpers are nested module workers; hardwareConcurrency sets their default count.
const handle = createHandler({
  post: (message) => scope.postMessage(message),
  probes: browserProbes,
  replicas: browserReplicas,
  cores: typeof navigator === 'undefined' ? 1 : navigator.hardwareConcurrency,
});

scope.onmessage = (event) => {
  handle(event.data).catch((error: unknown) => {
    // The handler reports run errors itself; this only catches bugs in it.
    console.error('training worker:', error);
  });
};
