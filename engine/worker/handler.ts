/**
 * What the training worker does with each message, apart from `self`: chooses and starts the backend,
 * runs the training loop, forwards pause/resume/stop, hands back the last finished run's weights.
 * Kept free of worker globals so Node tests drive it.
 */
import type * as tf from '@tensorflow/tfjs';
import { DEFAULT_TRAINING } from '../../graph/document';
import { inferShapes } from '../../graph/shapes';
import type { BackendName } from '../../graph/types';
import { AUTO_ORDER, chooseBackend, decideBackend, type BackendChoice, type BackendProbes, type ProbeResult } from '../backends/choose';
import { activeBackend, initBackend } from '../backends/init';
import { compileGraph } from '../compile';
import { applyImportedWeights } from '../import/applyWeights';
import { measureBackend } from '../backends/measure';
import { backendsToTime, decideByTiming, timingKey, type BackendTiming } from '../backends/timing';
import { saveArtifacts } from '../export/artifacts';
import { weightBytes, type TrainedArtifacts } from '../export/weights';
import { featureMaps } from '../featureMaps';
import type { ReplicaFactory } from '../parallel/port';
import { autoWorkers, chosenWorkers } from '../parallel/workerCount';
import type {
  ExportWeightsMessage,
  FeatureMapsMessage,
  FeatureMapsReply,
  FromWorker,
  ImportedArtifactsMessage,
  ImportedArtifactsReply,
  ReadyEvent,
  StartMessage,
  ToWorker,
  WeightsReply,
} from '../protocol';
import type { TrainEvent } from '../train/events';
import { TrainControl } from '../train/control';
import { train } from '../train/train';

/** What the handler needs from its environment (the real ones in the worker, fakes in tests). */
export interface HandlerDeps {
  post(message: FromWorker): void;
  probes: BackendProbes;
  /** Starts a backend; default engine/backends initBackend. */
  init?: (name: BackendName) => Promise<BackendName>;
  /** Starts helper replicas for data-parallel training; without it every run trains on one worker. */
  replicas?: ReplicaFactory;
  /** Logical cores of the machine (navigator.hardwareConcurrency), for the default worker count. */
  cores?: number;
  /** Times a backend on the run's graph for 'auto'; default engine/backends measureBackend. */
  measure?: typeof measureBackend;
}

/** Measured timings by device and graph size (engine/backends/timing.ts timingKey), for this worker's life. */
type TimingCache = Map<string, BackendTiming[]>;

/** A run's batch size, its graph's totals (graph/shapes) and the workers it trains on. */
interface RunSize {
  batchSize: number;
  totals: ReturnType<typeof inferShapes>['totals'];
  workers: number;
}

/**
 * The run's size and worker count: the user's Workers setting, or Auto by the cores and the batch's work
 * (engine/parallel/workerCount.ts), with Auto's reason when the graph held it below what the cores allow.
 */
function runSize(message: StartMessage, deps: HandlerDeps): RunSize & { autoWhy: string | null } {
  const doc = message.document;
  const batchSize = message.settings?.batchSize ?? doc.training.batchSize ?? DEFAULT_TRAINING.batchSize;
  const totals = inferShapes(doc, doc.task, message.info).totals;
  if (!deps.replicas) return { batchSize, totals, workers: 1, autoWhy: null };
  const chosen = chosenWorkers(message.workers);
  if (chosen !== null) return { batchSize, totals, workers: chosen, autoWhy: null };
  const auto = autoWorkers(deps.cores ?? 1, { macsPerImage: totals.macs, batchSize });
  return { batchSize, totals, workers: auto.workers, autoWhy: auto.why && `${auto.why} Settings > Workers overrides it.` };
}

/**
 * 'auto' by measurement: probes every backend; where a hardware GPU competes with wasm, times a few real
 * training steps of the run's graph on each (cached by device and graph size) and takes the fastest.
 */
async function chooseByTiming(message: StartMessage, run: RunSize, deps: HandlerDeps, cache: TimingCache, post: (event: TrainEvent) => void): Promise<BackendChoice> {
  const results: Partial<Record<BackendName, ProbeResult>> = {};
  for (const name of AUTO_ORDER) results[name] = await deps.probes[name]().catch((e: unknown) => ({ available: false, detail: String(e) }));
  const toTime = backendsToTime(results);
  if (toTime.length < 2) return decideBackend('auto', results);
  const doc = message.document;
  const { batchSize, totals, workers } = run;
  const key = timingKey(results, deps.cores ?? 1, { macs: totals.macs, params: totals.trainable + totals.nonTrainable, batchSize });
  let timings = cache.get(key);
  if (!timings) {
    const measure = deps.measure ?? measureBackend;
    timings = [];
    for (const [i, name] of toTime.entries()) {
      post({ type: 'progress', phase: `Timing ${name} on this graph`, done: i, total: toTime.length });
      timings.push(await measure(name, doc, { batchSize, info: message.info, workers, replicas: deps.replicas, init: deps.init }));
    }
    cache.set(key, timings);
  }
  return decideByTiming('auto', results, timings);
}

/** Chooses and starts a backend, falling back along the auto order when the chosen one fails to start. */
async function startBackend(preference: 'auto' | BackendName, deps: HandlerDeps, measured?: () => Promise<BackendChoice>): Promise<BackendChoice> {
  const init = deps.init ?? initBackend;
  const choice = preference === 'auto' && measured ? await measured() : await chooseBackend(preference, deps.probes);
  const order: BackendName[] = [choice.name, ...(['wasm', 'cpu'] as const).filter((n) => n !== choice.name)];
  const failures: string[] = [];
  for (const name of order) {
    try {
      const active = await init(name);
      const reason = failures.length ? `${choice.reason}; ${failures.join('; ')}; using ${active}` : choice.reason;
      return { name: active, reason, tried: choice.tried };
    } catch (error) {
      failures.push(`${name} failed to start (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  throw new Error(failures.join('; '));
}

/** The artefacts with their weights in one buffer, moved rather than copied to the UI (tfjs may hand them over as several). */
function movable(artifacts: TrainedArtifacts): { artifacts: TrainedArtifacts; transfer: ArrayBuffer[] } {
  const bytes = weightBytes(artifacts.weightData).slice().buffer;
  return { artifacts: { ...artifacts, weightData: bytes }, transfer: [bytes] };
}

/**
 * Returns the worker's message handler. One run at a time: `start` while a run is active answers with an
 * error for the new run id and leaves the active run alone.
 *
 * @example self.onmessage = (e) => handle(e.data) where handle = createHandler({ post: (m) => self.postMessage(m), probes: browserProbes })
 */
export function createHandler(deps: HandlerDeps): (message: ToWorker) => Promise<void> {
  let active: { runId: string; control: TrainControl } | null = null;
  // The model of the last run that completed or was stopped, for the Export dialog; disposed at the next start.
  let trained: { runId: string; model: tf.LayersModel } | null = null;
  const timings: TimingCache = new Map();

  async function start(message: StartMessage): Promise<void> {
    const { runId } = message;
    const post = (event: ReadyEvent | TrainEvent) => deps.post({ ...event, runId });
    if (active) {
      post({ type: 'error', code: 'internal', message: 'A training run is already in progress.', hint: 'Stop it before starting another.' });
      return;
    }
    const control = new TrainControl();
    active = { runId, control };
    trained?.model.dispose();
    trained = null;
    try {
      const preference = message.backend ?? message.settings?.backend ?? message.document.training.backend ?? 'auto';
      const run = runSize(message, deps);
      const { workers } = run;
      let choice: BackendChoice;
      try {
        choice = await startBackend(preference, deps, () => chooseByTiming(message, run, deps, timings, post));
      } catch (error) {
        post({ type: 'error', code: 'internal', message: `No tfjs backend could start: ${error instanceof Error ? error.message : String(error)}`, hint: 'Try another browser.' });
        post({ type: 'done', reason: 'failed', epochsDone: 0, test: null, seconds: 0, memory: { numTensors: 0, numBytes: 0 } });
        return;
      }
      post({ type: 'ready', backend: choice.name, reason: choice.reason, tried: choice.tried });
      // Only wasm and cpu train on several workers: on a GPU backend the worker count is moot.
      if (run.autoWhy && (choice.name === 'wasm' || choice.name === 'cpu')) post({ type: 'log', level: 'info', code: 'workers', message: run.autoWhy });
      const result = await train(
        {
          document: message.document,
          data: message.data,
          settings: message.settings,
          testFraction: message.testFraction,
          samples: message.samples,
          info: message.info,
          initialWeights: message.initialWeights,
          keepModel: true,
          workers,
          replicas: deps.replicas,
        },
        { onEvent: (event) => post(event) },
        control,
      );
      if (result.compiled) {
        // A diverged model's weights are NaN: nothing worth exporting.
        if (result.reason === 'completed' || result.reason === 'stopped') trained = { runId, model: result.compiled.model };
        else result.compiled.model.dispose();
      }
    } finally {
      active = null;
    }
  }

  async function exportWeights({ runId, reply }: ExportWeightsMessage): Promise<void> {
    let answer: WeightsReply;
    if (trained?.runId === runId) {
      try {
        answer = { type: 'weights', runId, ok: true, artifacts: await saveArtifacts(trained.model) };
      } catch (error) {
        answer = { type: 'weights', runId, ok: false, message: `The weights could not be read: ${error instanceof Error ? error.message : String(error)}` };
      }
    } else {
      const message =
        active?.runId === runId
          ? 'This run is still training; its weights can be exported once it ends.'
          : 'The training worker no longer holds the weights of this run (it keeps only the last finished run). Train again to export trained weights.';
      answer = { type: 'weights', runId, ok: false, message };
    }
    let transfer: ArrayBuffer[] = [];
    if (answer.ok) {
      const moved = movable(answer.artifacts);
      answer = { ...answer, artifacts: moved.artifacts };
      transfer = moved.transfer;
    }
    reply.postMessage(answer, transfer);
    reply.close();
  }

  /** An imported model's weights in a freshly compiled model of the document, saved as tfjs saves them. */
  async function importedArtifacts({ document, weights, info, reply }: ImportedArtifactsMessage): Promise<void> {
    let answer: ImportedArtifactsReply;
    let transfer: ArrayBuffer[] = [];
    let model: tf.LayersModel | null = null;
    try {
      // Compiling needs a backend; before the first run none is set, and the plain CPU one is enough here.
      if (activeBackend() === null) await (deps.init ?? initBackend)('cpu');
      const compiled = compileGraph(document, info ? { info } : {});
      if (!compiled.ok) {
        answer = { type: 'importedArtifacts', ok: false, message: `The graph has errors: ${compiled.issues.map((i) => i.message).join(' ')}` };
      } else {
        model = compiled.model;
        const { applied, skipped } = applyImportedWeights(compiled, weights);
        const moved = movable(await saveArtifacts(compiled.model));
        transfer = moved.transfer;
        answer = { type: 'importedArtifacts', ok: true, artifacts: moved.artifacts, applied, skipped };
      }
    } catch (error) {
      answer = { type: 'importedArtifacts', ok: false, message: `The imported weights could not be prepared: ${error instanceof Error ? error.message : String(error)}` };
    } finally {
      model?.dispose();
    }
    reply.postMessage(answer, transfer);
    reply.close();
  }

  /** Why there is no model for `runId` (the same reasons as for weights). */
  function missing(runId: string): string {
    return active?.runId === runId
      ? 'This run is still training; its feature maps can be shown once it ends.'
      : 'The training worker no longer holds this run (it keeps only the last finished run). Train again to see its feature maps.';
  }

  async function maps({ runId, image, maxChannels, reply }: FeatureMapsMessage): Promise<void> {
    let answer: FeatureMapsReply;
    const transfer: ArrayBuffer[] = [];
    if (trained?.runId === runId) {
      try {
        const result = await featureMaps(trained.model, image, { maxChannels });
        for (const m of result.maps) transfer.push(m.data.buffer as ArrayBuffer);
        if (result.filters) transfer.push(result.filters.data.buffer as ArrayBuffer);
        answer = { type: 'featureMaps', runId, ok: true, result };
      } catch (error) {
        answer = { type: 'featureMaps', runId, ok: false, message: `The feature maps could not be computed: ${error instanceof Error ? error.message : String(error)}` };
      }
    } else {
      answer = { type: 'featureMaps', runId, ok: false, message: missing(runId) };
    }
    reply.postMessage(answer, transfer);
    reply.close();
  }

  return async (message: ToWorker) => {
    switch (message.type) {
      case 'start':
        return start(message);
      case 'pause':
        return active?.control.pause();
      case 'resume':
        return active?.control.resume();
      case 'stop':
        return active?.control.stop();
      case 'exportWeights':
        return exportWeights(message);
      case 'featureMaps':
        return maps(message);
      case 'importedArtifacts':
        return importedArtifacts(message);
    }
  };
}
