/**
 * The messages between the UI and the training worker, as discriminated unions on `type`
 * (DESIGN.md section 5). The UI talks to the worker only through engine/worker/client.ts, which sends
 * {@link ToWorker} and receives {@link FromWorker}. Everything here is structured-clone safe.
 */
import type { BackendName, GraphDocument, TrainingSettings } from '../graph/types';
import type { TaskInfo } from '../graph/tasks';
import type { TriedBackend } from './backends/choose';
import type { Dataset } from './datasets/types';
import type { TrainedArtifacts } from './export/weights';
import type { NamedTensor } from './export/tensor';
import type { FeatureMapsResult } from './featureMaps';
import type { DataSpec } from './train/data';
import type { TrainEvent } from './train/events';

export type { DataSpec } from './train/data';
export type * from './train/events';

/**
 * The one run-id scheme: the time in base 36 and the caller's own sequence number, so ids stay unique
 * within a page and sort by start. Callers keep the sequence (a store, a client), never a module global.
 *
 * @example runId(3, 1700000000000) // 'run-loyw3v28-3'
 */
export function runId(sequence: number, now: number = Date.now()): string {
  return `run-${now.toString(36)}-${sequence}`;
}

// ---- UI -> worker ----

/** Train a graph. A worker runs one training at a time; a second start while one runs is refused. */
export interface StartMessage {
  type: 'start';
  /** Chosen by the client; every message of this run carries it back. */
  runId: string;
  document: GraphDocument;
  /** What to generate in the worker, or a dataset already loaded (imported data; its arrays are copied). */
  data: DataSpec | Dataset;
  /** Overrides of `document.training`. */
  settings?: Partial<TrainingSettings>;
  /** Backend preference; default `settings.backend`, then `document.training.backend` ('auto'). */
  backend?: 'auto' | BackendName;
  /**
   * Workers computing each step (data-parallel training on wasm/cpu); default: from the machine's cores
   * (engine/parallel defaultWorkerCount). An app preference, not part of the graph document.
   */
  workers?: number;
  /** Test share of the images (default 0.2); sample predictions per pass (default 8). */
  testFraction?: number;
  samples?: number;
  /** Task description when the data is imported (its classes and size). */
  info?: TaskInfo;
  /** Weights to start from, `<node id>/<role>` (an imported model's, engine/import); fresh when absent. */
  initialWeights?: NamedTensor[];
}

/** Hold before the next batch. */
export interface PauseMessage {
  type: 'pause';
}

/** Continue after a pause. */
export interface ResumeMessage {
  type: 'resume';
}

/** End training after the current batch; the test split is still evaluated and `done` follows. */
export interface StopMessage {
  type: 'stop';
}

/**
 * Hand back the trained weights of a run that ended (completed or stopped), for the Export dialog. The worker
 * keeps the model of its last such run until the next start; the answer, a {@link WeightsReply}, goes to
 * `reply` (one port per request, transferred with the message) so the run's event stream stays unchanged.
 */
export interface ExportWeightsMessage {
  type: 'exportWeights';
  runId: string;
  reply: MessagePort;
}

/**
 * The activation maps of the last finished run's model for one image (engine/featureMaps.ts), answered with a
 * {@link FeatureMapsReply} on `reply` as for {@link ExportWeightsMessage}.
 */
export interface FeatureMapsMessage {
  type: 'featureMaps';
  runId: string;
  /** H*W*C values, HWC, as the model's input expects (a dataset image). */
  image: Float32Array;
  /** Channels kept per layer (default 16). */
  maxChannels?: number;
  reply: MessagePort;
}

/**
 * An imported model's weights as tfjs saves them, for the Export dialog before (or without) training: the
 * worker compiles `document`, writes `weights` (`<node id>/<role>`, engine/import) into the layers whose
 * shapes still fit, leaves the others freshly initialised, and answers an {@link ImportedArtifactsReply} on
 * `reply`. Nothing of the training run is touched.
 */
export interface ImportedArtifactsMessage {
  type: 'importedArtifacts';
  document: GraphDocument;
  weights: NamedTensor[];
  /** Task description when the document's task is an imported dataset's. */
  info?: TaskInfo;
  reply: MessagePort;
}

export type ToWorker = StartMessage | PauseMessage | ResumeMessage | StopMessage | ExportWeightsMessage | FeatureMapsMessage | ImportedArtifactsMessage;

// ---- worker -> UI ----

/** The backend is up: which one, why, and what was considered before it. */
export interface ReadyEvent {
  type: 'ready';
  backend: BackendName;
  reason: string;
  tried: TriedBackend[];
}

/** Everything the worker posts: the backend announcement and the training loop's events, tagged with the run. */
export type FromWorker = (ReadyEvent | TrainEvent) & { runId: string };

/**
 * The answer to {@link ExportWeightsMessage}: the model as tfjs saves it (engine/export/artifacts.ts), ready
 * for `exportGraph(doc, target, { weights })`, or why there is none (another run since, still training,
 * diverged).
 */
export type WeightsReply =
  | { type: 'weights'; runId: string; ok: true; artifacts: TrainedArtifacts }
  | { type: 'weights'; runId: string; ok: false; message: string };

/** An imported model's weights ready to export: the artefacts, the nodes that got their imported weights, and those that start fresh. */
export interface ImportedArtifacts {
  artifacts: TrainedArtifacts;
  applied: string[];
  skipped: { nodeId: string; reason: string }[];
}

/** The answer to {@link ImportedArtifactsMessage}. */
export type ImportedArtifactsReply = ({ type: 'importedArtifacts'; ok: true } & ImportedArtifacts) | { type: 'importedArtifacts'; ok: false; message: string };

/** The answer to {@link FeatureMapsMessage}. */
export type FeatureMapsReply =
  | { type: 'featureMaps'; runId: string; ok: true; result: FeatureMapsResult }
  | { type: 'featureMaps'; runId: string; ok: false; message: string };

/** The `type` values of worker messages, for subscriptions by type. */
export type FromWorkerType = FromWorker['type'];
