import type { StateCreator } from 'zustand/vanilla';
import type { Dataset } from '@/engine/datasets/types';
import { runId, type FromWorker, type ImportedArtifacts } from '@/engine/protocol';
import type { FeatureMapsResult } from '@/engine/featureMaps';
import type { TrainedArtifacts } from '@/engine/export/weights';
import type { TaskInfo } from '@/graph/tasks';
import type { MatrixViewOptions } from './training/types';
import { readPrefs, readRuns, writePrefs, writeRuns, type RunStorage } from './training/runHistory';
import type { TrainerFactory, TrainerPort } from './training/trainerPort';
import { applyWorkerMessage, beginRun, currentRun, INITIAL_TRAINING, newRun, workerFailed, type TrainingState } from './training/trainingState';
import { activeDataset } from './training/runContext';
import { mergedFractions } from './training/smallData';
import type { AppState } from './types';
import { MAX_WORKERS } from '@/engine/parallel/workerCount';
import { importedWeightsFor } from './modelImportSlice';

/** Sample predictions asked per pass: enough for a gallery filtered by confusion-matrix cell. */
export const CLASSIFICATION_SAMPLES = 48;
export const SEGMENTATION_SAMPLES = 12;

/** Images the user imported ("use my own data"), kept in memory only. */
export interface ImportedData {
  dataset: Dataset;
  /** The task the graph is trained for with this data (classes, kind, size). */
  info: TaskInfo;
}

/** How worker messages reach the state. */
export interface AttachOptions {
  /**
   * Batch messages arriving closer together than this are folded in with one state update (ms, default
   * 100), so a fast backend cannot make the charts re-render hundreds of times a second. 0: every message
   * at once. Any other message is applied at once, after the batches before it.
   */
  batchIntervalMs?: number;
}

/** The training panels' slice: run state under `training`, and the verbs that drive the worker. */
export interface TrainingSlice {
  training: TrainingState;
  /** Imported data (not persisted: it can be hundreds of MB). */
  importedData: ImportedData | null;
  /**
   * Connects the worker (and storage for the run history) and restores saved runs and preferences.
   * Returns the function that disconnects and ends the worker. The app calls it once on mount.
   */
  attachTrainer(factory: TrainerFactory, storage: RunStorage | null, options?: AttachOptions): () => void;
  /** Trains the current document on its task's data, as a new run named after what changed. */
  startTraining(): void;
  pauseTraining(): void;
  resumeTraining(): void;
  /** Ends the run at once in the UI; the worker stops after its batch and still evaluates the test split. */
  stopTraining(): void;
  setMatrixOptions(patch: Partial<MatrixViewOptions>): void;
  setLossSmoothing(value: number): void;
  setDataSize(count: number): void;
  /** Training workers for the next runs; null: from the machine's cores. Saved with the preferences. */
  setWorkers(count: number | null): void;
  /** Merge the validation and test images into one validation split for the next runs (or stop merging). */
  setMergeHeldOut(merge: boolean): void;
  toggleRunVisible(runId: string): void;
  deleteRun(runId: string): void;
  clearRuns(): void;
  dismissTrainingError(): void;
  /** Use imported images for the task `info.id` (null: back to generated data). */
  setImportedData(data: ImportedData | null): void;
  /** The trained weights of a finished run of this session, from the worker (Export dialog); rejects with why not. */
  requestTrainedWeights(runId: string): Promise<TrainedArtifacts>;
  /** The activation maps of a finished run's model for one image (H*W*C values in 0..1). */
  requestFeatureMaps(runId: string, image: Float32Array, maxChannels?: number): Promise<FeatureMapsResult>;
  /**
   * The imported weights that belong to the current graph, in a fresh model of it (the worker compiles it),
   * for the Export dialog; rejects when there are none or the worker cannot answer.
   */
  requestImportedArtifacts(): Promise<ImportedArtifacts>;
}

export const createTrainingSlice: StateCreator<AppState, [], [], TrainingSlice> = (set, get) => {
  // The worker and storage belong to this store (not module globals: DESIGN.md section 5).
  let trainer: TrainerPort | null = null;
  let storage: RunStorage | null = null;
  let runCounter = 0;

  const patch = (fn: (t: TrainingState) => TrainingState) => set({ training: fn(get().training) });
  const saveRuns = () => writeRuns(storage, get().training.runs);
  const savePrefs = () => {
    const t = get().training;
    writePrefs(storage, { smoothing: t.smoothing, dataSize: t.dataSize, workers: t.workers });
  };
  const active = () => ['starting', 'running', 'paused'].includes(get().training.status);

  return {
    training: INITIAL_TRAINING,
    importedData: null,

    attachTrainer(factory, store, options = {}) {
      storage = store;
      const interval = options.batchIntervalMs ?? 100;
      let queue: FromWorker[] = [];
      let timer: ReturnType<typeof setTimeout> | null = null;
      const flush = () => {
        if (timer) clearTimeout(timer);
        timer = null;
        if (queue.length === 0) return;
        const before = get().training;
        const after = queue.reduce(applyWorkerMessage, before);
        const ended = queue.some((m) => m.type === 'done');
        queue = [];
        if (after !== before) set({ training: after });
        if (ended) saveRuns();
      };
      const prefs = readPrefs(store, { smoothing: INITIAL_TRAINING.smoothing, dataSize: INITIAL_TRAINING.dataSize, workers: INITIAL_TRAINING.workers });
      const restored = readRuns(store);
      // Restored runs come back with the last one shown (its curves, matrix and metrics; not its images).
      patch((t) =>
        restored.length && t.runs.length === 0
          ? { ...t, ...prefs, runs: restored, currentRunId: restored[restored.length - 1].id, restoredRunIds: restored.map((r) => r.id) }
          : { ...t, ...prefs },
      );
      trainer = factory({
        onMessage: (m) => {
          queue.push(m);
          if (m.type !== 'batch' || interval <= 0) flush();
          else timer ??= setTimeout(flush, interval);
        },
        onFailure: (message, hint) => {
          flush();
          patch((t) => workerFailed(t, message, hint));
          saveRuns();
        },
      });
      return () => {
        if (timer) clearTimeout(timer);
        queue = [];
        trainer?.dispose();
        trainer = null;
      };
    },

    startTraining() {
      if (!trainer || active() || get().training.status === 'stopping') return;
      const s = get();
      const doc = s.doc;
      const previous = s.training.runs.at(-1) ?? null;
      const id = runId(++runCounter);
      const imported = s.importedData && s.importedData.info.id === doc.task.id ? s.importedData : null;
      // Merged held-out splits: no test split, validation takes its images (a shipped test split stays).
      const merge = s.training.mergeHeldOut && !imported?.dataset.providedSplit ? mergedFractions(doc.training.validationFraction) : null;
      const trained = merge ? { ...doc, training: { ...doc.training, validationFraction: merge.validationFraction } } : doc;
      const run = newRun(trained, previous, id, Date.now(), { dataset: activeDataset(doc.task.id, imported), lesson: s.lesson?.title ?? null });
      set({ training: beginRun(s.training, run) });
      const segmentation = run.kind === 'segmentation';
      const initialWeights = importedWeightsFor(doc, s.importedWeights);
      trainer.start({
        runId: id,
        document: trained,
        ...(merge ? { testFraction: merge.testFraction } : {}),
        data: imported ? imported.dataset : { taskId: doc.task.id, count: s.training.dataSize, seed: doc.training.seed },
        samples: segmentation ? SEGMENTATION_SAMPLES : CLASSIFICATION_SAMPLES,
        ...(imported ? { info: imported.info } : {}),
        ...(s.training.workers !== null ? { workers: s.training.workers } : {}),
        ...(initialWeights.length ? { initialWeights } : {}),
      });
    },

    pauseTraining() {
      if (get().training.status !== 'running') return;
      trainer?.pause();
      patch((t) => ({ ...t, status: 'paused' }));
    },

    resumeTraining() {
      if (get().training.status !== 'paused') return;
      trainer?.resume();
      patch((t) => ({ ...t, status: 'running' }));
    },

    stopTraining() {
      if (!active()) return;
      trainer?.stop();
      patch((t) => ({ ...t, status: 'stopping' }));
    },

    setMatrixOptions(p) {
      patch((t) => ({ ...t, matrix: { ...t.matrix, ...p } }));
    },

    setLossSmoothing(value) {
      patch((t) => ({ ...t, smoothing: Math.min(0.99, Math.max(0, value)) }));
      savePrefs();
    },

    setMergeHeldOut(merge) {
      patch((t) => ({ ...t, mergeHeldOut: merge }));
    },

    setDataSize(count) {
      patch((t) => ({ ...t, dataSize: count }));
      savePrefs();
    },

    setWorkers(count) {
      patch((t) => ({ ...t, workers: count === null ? null : Math.min(MAX_WORKERS, Math.max(1, Math.floor(count))) }));
      savePrefs();
    },

    toggleRunVisible(runId) {
      patch((t) => ({ ...t, runs: t.runs.map((r) => (r.id === runId ? { ...r, visible: !r.visible } : r)) }));
      saveRuns();
    },

    deleteRun(runId) {
      const t = get().training;
      if (runId === t.currentRunId && active()) return;
      patch((x) => ({ ...x, runs: x.runs.filter((r) => r.id !== runId) }));
      saveRuns();
    },

    clearRuns() {
      const current = currentRun(get().training);
      const keep = current && active() ? [current] : [];
      patch((t) => ({ ...t, runs: keep }));
      saveRuns();
    },

    dismissTrainingError() {
      patch((t) => ({ ...t, error: null, status: t.status === 'error' ? 'done' : t.status }));
    },

    setImportedData(data) {
      set({ importedData: data });
    },

    requestTrainedWeights(runId) {
      if (!trainer?.requestWeights) return Promise.reject(new Error('No training worker is connected.'));
      return trainer.requestWeights(runId);
    },

    requestFeatureMaps(runId, image, maxChannels) {
      if (!trainer?.requestFeatureMaps) return Promise.reject(new Error('No training worker is connected.'));
      return trainer.requestFeatureMaps(runId, image, maxChannels);
    },

    requestImportedArtifacts() {
      const s = get();
      const weights = importedWeightsFor(s.doc, s.importedWeights);
      if (!weights.length) return Promise.reject(new Error('No imported weights belong to this graph.'));
      if (!trainer?.requestImportedArtifacts) return Promise.reject(new Error('No training worker is connected.'));
      const imported = s.importedData && s.importedData.info.id === s.doc.task.id ? s.importedData.info : undefined;
      return trainer.requestImportedArtifacts(s.doc, weights, imported);
    },
  };
};
