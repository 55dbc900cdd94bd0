/**
 * The real trainer: engine/worker/client.ts's TrainingClient over a module Worker. A worker that dies
 * (script error, out of memory) is reported through `onFailure` and replaced by a fresh one on the next
 * start, so a crash never leaves the panels stuck or the editor unusable.
 */
import { createTrainingWorker, TrainingClient, type WorkerLike } from '@/engine/worker/client';
import type { TrainerFactory, TrainerListener, TrainerPort } from '../store/training/trainerPort';

/** What to tell people when the worker itself fails. */
export const WORKER_FAILURE_HINT =
  'The browser may have run out of memory: try a smaller batch size, fewer images or a smaller network, then train again. If it keeps happening, choose the wasm or cpu backend in the settings.';

/**
 * A Worker whose error events also reach `onCrash` (the client installs its own `onerror`, which this
 * keeps calling).
 */
function watchedWorker(make: () => WorkerLike, onCrash: (message: string) => void): WorkerLike {
  const worker = make();
  let clientHandler: ((event: ErrorEvent) => void) | null = null;
  worker.onerror = (event) => {
    clientHandler?.(event);
    onCrash(event.message || 'unknown error');
  };
  return {
    postMessage: (m, transfer) => (transfer ? worker.postMessage(m, transfer) : worker.postMessage(m)),
    terminate: () => worker.terminate(),
    get onmessage() {
      return worker.onmessage;
    },
    set onmessage(fn) {
      worker.onmessage = fn;
    },
    get onerror() {
      return clientHandler;
    },
    set onerror(fn) {
      clientHandler = fn;
    },
  };
}

/**
 * The trainer factory the app uses. `makeWorker` defaults to the bundled training worker (tests pass fakes).
 */
export function workerTrainer(makeWorker: () => WorkerLike = createTrainingWorker): TrainerFactory {
  return (listener: TrainerListener): TrainerPort => {
    let broken = false;

    const connect = () => {
      broken = false;
      const c = new TrainingClient(() =>
        watchedWorker(makeWorker, (message) => {
          broken = true;
          listener.onFailure(`The training worker stopped: ${message}.`, WORKER_FAILURE_HINT);
        }),
      );
      c.subscribe((m) => listener.onMessage(m));
      return c;
    };

    // Created now, not at the first Train: the worker's code (tfjs) loads while the user looks at the graph.
    let client: TrainingClient | null = connect();

    const live = () => {
      if (!client || broken) {
        client?.terminate();
        client = connect();
      }
      return client;
    };

    return {
      start(message) {
        try {
          live().start(message);
        } catch (error) {
          listener.onFailure(`The training worker could not start: ${error instanceof Error ? error.message : String(error)}.`, WORKER_FAILURE_HINT);
        }
      },
      pause: () => client?.pause(),
      resume: () => client?.resume(),
      stop: () => client?.stop(),
      requestWeights(runId) {
        // A crashed worker took the model with it.
        if (!client || broken) return Promise.reject(new Error('The training worker stopped since this run; train again to export trained weights.'));
        return client.requestWeights(runId);
      },
      requestFeatureMaps(runId, image, maxChannels) {
        if (!client || broken) return Promise.reject(new Error('The training worker stopped since this run; train again to see its feature maps.'));
        return client.requestFeatureMaps(runId, image, maxChannels);
      },
      requestImportedArtifacts(doc, weights, info) {
        if (!client || broken) return Promise.reject(new Error('The training worker stopped; reload the page to export the imported weights.'));
        return client.requestImportedArtifacts(doc, weights, info);
      },
      dispose() {
        client?.terminate();
        client = null;
      },
    };
  };
}
