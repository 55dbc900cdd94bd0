/**
 * The training panels' state and the pure functions that move it: starting a run record, and folding each
 * worker message (engine/protocol.ts) into the state. The zustand slice (components/store/trainingSlice.ts)
 * only calls these, so the whole event flow is tested without a worker or a browser.
 */
import type { FromWorker, LogEvent, SamplePrediction } from '@/engine/protocol';
import { DEFAULT_DATA_SIZE } from '@/graph/document';
import { taskInfo } from '@/graph/tasks';
import type { GraphDocument } from '@/graph/types';
import { runName } from './runNaming';
import { batchX, epochPoint, GENERATED_DATASET, summarisePass, type RunDataset, type RunRecord, type RunStatus } from './runs';
import { DEFAULT_MATRIX_OPTIONS, type BackendInfo, type LiveProgress, type MatrixViewOptions, type TrainingStatus } from './types';

/** Runs kept in memory in one session (the oldest drop off; MAX_SAVED_RUNS of them survive a reload). */
export const MAX_SESSION_RUNS = 20;
/** Log lines kept. */
export const MAX_LOG = 50;

/** A problem that ended (or prevented) a run: what happened and what to try. */
export interface TrainingError {
  code: 'diverged' | 'invalid-graph' | 'data' | 'gpu-lost' | 'internal' | 'worker';
  message: string;
  hint: string;
}

export interface TrainingState {
  status: TrainingStatus;
  /** Oldest first: this session's runs and the ones restored from the last visit. */
  runs: RunRecord[];
  /** The run the worker is on, or the last one. */
  currentRunId: string | null;
  /**
   * Runs restored from an earlier visit: they keep their curves, not their weights (the worker that trained
   * them is gone), so the Export dialog does not offer them.
   */
  restoredRunIds?: readonly string[];
  progress: LiveProgress | null;
  /** The backend of the last run, with the reason it was chosen. */
  backend: BackendInfo | null;
  /** The current run's latest validation samples, and its test samples (not persisted: images). */
  samples: SamplePrediction[];
  testSamples: SamplePrediction[];
  error: TrainingError | null;
  /** The run's log lines; warnings (a rising loss) are shown above the results, and act by their `code`. */
  log: Omit<LogEvent, 'type'>[];
  /** Confusion matrix view: orientation, normalisation, selected class and cell. */
  matrix: MatrixViewOptions;
  /** EMA weight of the batch-loss curve. */
  smoothing: number;
  /** Images generated per run for bundled tasks. */
  dataSize: number;
  /** Training workers the user chose; null: as many as the machine's cores suggest (engine/parallel). */
  workers: number | null;
  /**
   * Train with the validation and test images merged into one validation split (offered when they would be
   * too small to trust, see smallData.ts); a session choice, not part of the graph.
   */
  mergeHeldOut: boolean;
}

/** Default number of generated images (graph/document/defaults.ts, shared with the CLI). */
export { DEFAULT_DATA_SIZE };

export const INITIAL_TRAINING: TrainingState = {
  status: 'idle',
  runs: [],
  currentRunId: null,
  progress: null,
  backend: null,
  samples: [],
  testSamples: [],
  error: null,
  log: [],
  matrix: DEFAULT_MATRIX_OPTIONS,
  smoothing: 0.6,
  dataSize: DEFAULT_DATA_SIZE,
  workers: null,
  mergeHeldOut: false,
};

/**
 * Class names as the result panels label them: binary segmentation masks have two classes, background and
 * tumour (the task's own names list every tumour type, which only the multi-class masks use).
 */
export function displayClassNames(doc: GraphDocument, kind: 'classification' | 'segmentation', names: readonly string[]): string[] {
  if (kind === 'segmentation' && (doc.task.maskMode ?? 'binary') === 'binary') return [names[0] ?? 'background', 'tumour'];
  return [...names];
}

/** Where a run is made: its data and the lesson open at the start (see runContext.ts). */
export interface RunOrigin {
  dataset: RunDataset;
  lesson: string | null;
}

/**
 * A run record for a document about to be trained, named after what changed since the previous run.
 * `origin` defaults to the generated images, outside a lesson.
 */
export function newRun(doc: GraphDocument, previous: RunRecord | null, id: string, startedAt: number, origin?: RunOrigin): RunRecord {
  const info = taskInfo(doc.task.id);
  return {
    id,
    number: (previous?.number ?? 0) + 1,
    name: runName(previous?.doc ?? null, doc),
    startedAt,
    taskId: doc.task.id,
    dataset: origin?.dataset ?? GENERATED_DATASET,
    lesson: origin?.lesson ?? null,
    kind: info?.kind ?? 'classification',
    classNames: info ? displayClassNames(doc, info.kind, info.classes) : [],
    settings: { ...doc.training },
    doc,
    backend: '',
    params: null,
    splits: null,
    batchesPerEpoch: 0,
    batches: [],
    epochs: [],
    validation: null,
    test: null,
    status: 'running',
    error: null,
    seconds: null,
    visible: true,
  };
}

/** The state once a run is started: its record appended (history bounded), live fields reset. */
export function beginRun(state: TrainingState, run: RunRecord): TrainingState {
  return {
    ...state,
    status: 'starting',
    runs: [...state.runs, run].slice(-MAX_SESSION_RUNS),
    currentRunId: run.id,
    progress: { phase: 'Starting the training worker', phaseDone: 0, phaseTotal: 1, epoch: 0, epochs: run.settings.epochs, batch: 0, batches: 0, imagesPerSecond: null, etaSeconds: null, backend: null },
    samples: [],
    testSamples: [],
    error: null,
    log: [],
    matrix: { ...state.matrix, selectedCell: null },
  };
}

/** The current run's record, or null. */
export function currentRun(state: Pick<TrainingState, 'runs' | 'currentRunId'>): RunRecord | null {
  return state.runs.find((r) => r.id === state.currentRunId) ?? null;
}

function updateRun(state: TrainingState, id: string, fn: (r: RunRecord) => RunRecord): RunRecord[] {
  return state.runs.map((r) => (r.id === id ? fn(r) : r));
}

/** A log event as the run keeps it (without the worker's envelope). */
function logLine(m: LogEvent): Omit<LogEvent, 'type'> {
  const line: Omit<LogEvent, 'type'> = { level: m.level, code: m.code, message: m.message };
  if (m.suggestedLearningRate !== undefined) line.suggestedLearningRate = m.suggestedLearningRate;
  return line;
}

/**
 * Folds one worker message into the state. Messages of other runs are ignored (a stopped run's last
 * messages arriving after a new start). After Stop the progress stays frozen: the UI stops at once even
 * though the worker finishes its batch and evaluates the test split.
 */
export function applyWorkerMessage(state: TrainingState, m: FromWorker): TrainingState {
  if (m.runId !== state.currentRunId) return state;
  const id = m.runId;
  const p = state.progress;
  const stopping = state.status === 'stopping';
  switch (m.type) {
    case 'ready':
      return {
        ...state,
        backend: { name: m.backend, reason: m.reason },
        progress: p ? { ...p, backend: m.backend } : p,
        runs: updateRun(state, id, (r) => ({ ...r, backend: m.backend })),
      };
    case 'progress':
      if (stopping || !p) return state;
      return { ...state, progress: { ...p, phase: m.phase, phaseDone: m.done, phaseTotal: m.total } };
    case 'start':
      return {
        ...state,
        status: stopping || state.status === 'paused' ? state.status : 'running',
        progress: p ? { ...p, phase: 'Training the first batch', phaseDone: 0, phaseTotal: 1, epoch: 1, epochs: m.epochs, batches: m.batchesPerEpoch, backend: m.backend, workers: m.workers ?? 1 } : p,
        runs: updateRun(state, id, (r) => ({
          ...r,
          kind: m.kind,
          classNames: displayClassNames(r.doc, m.kind, m.classNames),
          params: m.params,
          splits: { ...m.splits },
          batchesPerEpoch: m.batchesPerEpoch,
          backend: String(m.backend),
        })),
      };
    case 'batch':
      if (stopping) return state;
      return {
        ...state,
        status: state.status === 'starting' ? 'running' : state.status,
        progress: p ? { ...p, phase: null, epoch: m.epoch, batch: m.batch, batches: m.batches, imagesPerSecond: m.imagesPerSecond, etaSeconds: m.etaSeconds } : p,
        runs: updateRun(state, id, (r) => ({ ...r, batches: [...r.batches, { x: batchX(m.epoch, m.batch, m.batches), loss: Number.isFinite(m.loss) ? m.loss : null }] })),
      };
    case 'epoch':
      return {
        ...state,
        progress: p && !stopping ? { ...p, epoch: m.epoch, epochs: m.epochs, batch: p.batches, imagesPerSecond: m.imagesPerSecond, etaSeconds: m.etaSeconds, memory: m.memory } : p,
        samples: m.validation?.samples ?? state.samples,
        runs: updateRun(state, id, (r) => ({ ...r, epochs: [...r.epochs, epochPoint(m)], validation: summarisePass(m.validation) ?? r.validation })),
      };
    case 'status':
      if (state.status === 'stopping' || state.status === 'done' || state.status === 'error') return state;
      return { ...state, status: m.state === 'paused' ? 'paused' : m.state === 'stopping' ? 'stopping' : 'running' };
    case 'log':
      return { ...state, log: [...state.log, logLine(m)].slice(-MAX_LOG) };
    case 'error': {
      const error: TrainingError = { code: m.code, message: m.message, hint: m.hint };
      return { ...state, error, runs: updateRun(state, id, (r) => ({ ...r, error: { message: m.message, hint: m.hint } })) };
    }
    case 'done':
      return {
        ...state,
        status: state.error || m.reason === 'failed' || m.reason === 'diverged' ? 'error' : 'done',
        progress: p && m.reason === 'completed' ? { ...p, phase: null, etaSeconds: 0 } : p,
        testSamples: m.test?.samples ?? [],
        runs: updateRun(state, id, (r) => ({ ...r, status: m.reason satisfies RunStatus, test: summarisePass(m.test), seconds: m.seconds })),
      };
  }
}

/** The state after the worker itself failed (crashed, could not load): the run ends with what to try. */
export function workerFailed(state: TrainingState, message: string, hint: string): TrainingState {
  const id = state.currentRunId;
  const error: TrainingError = { code: 'worker', message, hint };
  return {
    ...state,
    status: 'error',
    error,
    runs: id ? updateRun(state, id, (r) => (r.status === 'running' ? { ...r, status: 'failed', error: { message, hint } } : r)) : state.runs,
  };
}
