import { describe, expect, it, vi } from 'vitest';
import { createAppStore, type AppStore } from '@/components/store/createAppStore';
import { readRuns, type RunStorage } from '@/components/store/training/runHistory';
import type { TrainerFactory, TrainerListener } from '@/components/store/training/trainerPort';
import { currentRun } from '@/components/store/training/trainingState';
import { classificationReport } from '@/engine/metrics';
import type { EvalResult, FromWorker, ReadyEvent, StartMessage, TrainEvent } from '@/engine/protocol';
import { buildFirstCnn } from '@/graph/templates/firstCnn';
import { buildUnet } from '@/graph/templates/unet';
import { CASE7 } from '../training/cases';
import { GENERATED_DATASET } from '@/components/store/training/runs';
import { contextOf, importedDataset, inContext, shownRun, shownSamples } from '@/components/store/training/runContext';
import { lessonBest } from '@/components/store/lessonSlice';
import { buildFirstCnnLesson } from '@/graph/lessons/firstCnn';
import { taskInfo } from '@/graph/tasks';

/** A trainer that records calls and lets the test post worker messages. */
function fakeTrainer() {
  const calls: string[] = [];
  const starts: Omit<StartMessage, 'type'>[] = [];
  let listener: TrainerListener | null = null;
  const factory: TrainerFactory = (l) => {
    listener = l;
    return {
      start: (m) => {
        calls.push('start');
        starts.push(m);
      },
      pause: () => calls.push('pause'),
      resume: () => calls.push('resume'),
      stop: () => calls.push('stop'),
      dispose: () => calls.push('dispose'),
    };
  };
  const post = (m: (ReadyEvent | TrainEvent) & { runId?: string }) => listener?.onMessage({ runId: starts.at(-1)?.runId ?? '', ...m } as FromWorker);
  return { factory, calls, starts, post, fail: (msg: string, hint: string) => listener?.onFailure(msg, hint) };
}

function memoryStorage(): RunStorage {
  const map = new Map<string, string>();
  return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
}

const evalOf = (m: number[][]): EvalResult => ({
  loss: 1.2,
  images: m.flat().reduce((a, b) => a + b, 0),
  metrics: { kind: 'classification', confusion: m, report: classificationReport(m) },
  samples: [{ index: 3, id: 'x', image: new Uint8Array(4), width: 1, height: 1, channels: 3, trueClass: 5, predictedClass: 4, confidence: 0.6, probabilities: [] }],
});

const memory = { numTensors: 10, numBytes: 100 };

function setup() {
  const store: AppStore = createAppStore({ doc: buildFirstCnn() });
  const t = fakeTrainer();
  const storage = memoryStorage();
  const detach = store.getState().attachTrainer(t.factory, storage, { batchIntervalMs: 0 });
  return { store, t, storage, detach, tr: () => store.getState().training };
}

/** Replays a one-epoch run of 2 batches on the 7x7 case, ending `reason`. */
function replay(t: ReturnType<typeof fakeTrainer>, reason: 'completed' | 'stopped' = 'completed') {
  t.post({ type: 'ready', backend: 'wasm', reason: 'wasm: SIMD, 2 threads', tried: [] });
  t.post({ type: 'start', backend: 'wasm', kind: 'classification', classNames: CASE7.names, lossName: 'ce', params: 132799, splits: { train: 20, validation: 52, test: 52 }, epochs: 1, batchSize: 10, batchesPerEpoch: 2, memory });
  t.post({ type: 'batch', epoch: 1, batch: 1, batches: 2, loss: 2.0, imagesPerSecond: 40, etaSeconds: 3 });
  t.post({ type: 'batch', epoch: 1, batch: 2, batches: 2, loss: 1.5, imagesPerSecond: 42, etaSeconds: 1 });
  t.post({
    type: 'epoch', epoch: 1, epochs: 1, trainLoss: 1.75, trainMetrics: evalOf(CASE7.m).metrics, validation: evalOf(CASE7.m),
    imagesPerSecond: 42, seconds: 2, etaSeconds: 0.5, backend: 'wasm', memory,
  });
  t.post({ type: 'done', reason, epochsDone: 1, test: evalOf(CASE7.m), seconds: 3, memory });
}

describe('training slice', () => {
  it('starts a run with the document, generated data spec and sample count', () => {
    const { store, t, tr } = setup();
    store.getState().startTraining();
    expect(t.calls).toEqual(['start']);
    expect(t.starts[0]).toMatchObject({ data: { taskId: 'skin-lesions', count: 1200, seed: 42 }, samples: 48 });
    expect(t.starts[0].document).toBe(store.getState().doc);
    expect(tr().status).toBe('starting');
    expect(currentRun(tr())?.name).toBe('First CNN');
    store.getState().startTraining(); // a second press while starting does nothing
    expect(t.calls).toEqual(['start']);
  });

  it('folds the event stream into curves, metrics and the test result', () => {
    const { store, t, tr, storage } = setup();
    store.getState().startTraining();
    replay(t);
    const run = currentRun(tr())!;
    expect(tr().status).toBe('done');
    expect(tr().backend).toEqual({ name: 'wasm', reason: 'wasm: SIMD, 2 threads' });
    expect(run.batches).toEqual([{ x: 0.5, loss: 2 }, { x: 1, loss: 1.5 }]);
    expect(run.epochs).toHaveLength(1);
    expect(run.epochs[0]).toMatchObject({ trainLoss: 1.75, valLoss: 1.2, accuracy: 40 / 52, baselineAccuracy: 25 / 52 });
    expect(run.validation?.metrics).toEqual({ kind: 'classification', confusion: CASE7.m });
    expect(run.test?.images).toBe(52);
    expect(run.status).toBe('completed');
    expect(tr().samples).toHaveLength(1);
    expect(tr().testSamples).toHaveLength(1);
    // saved for the next visit, without images
    expect(readRuns(storage).map((r) => [r.number, r.status])).toEqual([[1, 'completed']]);
  });

  it('names the next run after what changed and keeps both for comparison', () => {
    const { store, t, tr } = setup();
    store.getState().startTraining();
    replay(t);
    store.getState().setTraining({ learningRate: 0.01 });
    store.getState().startTraining();
    expect(tr().runs.map((r) => [r.number, r.name])).toEqual([
      [1, 'First CNN'],
      [2, 'lr 0.001 -> 0.01'],
    ]);
  });

  it('stops at once in the UI: later batches do not move the progress, the test result still arrives', () => {
    const { store, t, tr } = setup();
    store.getState().startTraining();
    t.post({ type: 'start', backend: 'wasm', kind: 'classification', classNames: CASE7.names, lossName: 'ce', params: 1, splits: { train: 20, validation: 52, test: 52 }, epochs: 3, batchSize: 10, batchesPerEpoch: 2, memory });
    t.post({ type: 'batch', epoch: 1, batch: 1, batches: 2, loss: 2.0, imagesPerSecond: 40, etaSeconds: 3 });
    store.getState().stopTraining();
    expect(t.calls).toEqual(['start', 'stop']);
    expect(tr().status).toBe('stopping');
    t.post({ type: 'batch', epoch: 1, batch: 2, batches: 2, loss: 1.9, imagesPerSecond: 40, etaSeconds: 3 });
    expect(tr().progress?.batch).toBe(1);
    expect(currentRun(tr())?.batches).toHaveLength(1);
    t.post({ type: 'done', reason: 'stopped', epochsDone: 0, test: evalOf(CASE7.m), seconds: 1, memory });
    expect(tr().status).toBe('done');
    expect(currentRun(tr())).toMatchObject({ status: 'stopped', test: { images: 52 } });
  });

  it('pauses and resumes', () => {
    const { store, t, tr } = setup();
    store.getState().startTraining();
    t.post({ type: 'batch', epoch: 1, batch: 1, batches: 2, loss: 2.0, imagesPerSecond: 40, etaSeconds: 3 });
    store.getState().pauseTraining();
    expect(tr().status).toBe('paused');
    store.getState().resumeTraining();
    expect(tr().status).toBe('running');
    expect(t.calls).toEqual(['start', 'pause', 'resume']);
  });

  it('shows a divergence as an error with the hint, and the editor keeps working', () => {
    const { store, t, tr } = setup();
    store.getState().startTraining();
    t.post({ type: 'error', code: 'diverged', message: 'Loss became NaN at epoch 1, batch 3.', hint: 'Set the learning rate to 0.001.' });
    t.post({ type: 'done', reason: 'diverged', epochsDone: 0, test: null, seconds: 1, memory });
    expect(tr().status).toBe('error');
    expect(tr().error).toEqual({ code: 'diverged', message: 'Loss became NaN at epoch 1, batch 3.', hint: 'Set the learning rate to 0.001.' });
    expect(currentRun(tr())?.status).toBe('diverged');
    const nodes = store.getState().doc.nodes.length;
    store.getState().addNode('Dropout', { x: 0, y: 0 });
    expect(store.getState().doc.nodes).toHaveLength(nodes + 1);
    store.getState().dismissTrainingError();
    expect(tr().error).toBeNull();
  });

  it('reports a crashed worker and lets a new run start', () => {
    const { store, t, tr } = setup();
    store.getState().startTraining();
    t.fail('The training worker stopped: out of memory.', 'Use a smaller batch size.');
    expect(tr()).toMatchObject({ status: 'error', error: { code: 'worker', hint: 'Use a smaller batch size.' } });
    expect(currentRun(tr())?.status).toBe('failed');
    store.getState().startTraining();
    expect(t.calls).toEqual(['start', 'start']);
  });

  it('ignores messages of an earlier run', () => {
    const { store, t, tr } = setup();
    store.getState().startTraining();
    t.post({ type: 'batch', epoch: 1, batch: 1, batches: 2, loss: 2.0, imagesPerSecond: 40, etaSeconds: 3, runId: 'someone-else' });
    expect(currentRun(tr())?.batches).toHaveLength(0);
  });

  it('restores runs and preferences from storage into a new store', () => {
    const { store, t, storage } = setup();
    store.getState().setLossSmoothing(0.3);
    store.getState().setDataSize(1200);
    store.getState().startTraining();
    replay(t);
    const again = createAppStore({ doc: buildFirstCnn() });
    again.getState().attachTrainer(fakeTrainer().factory, storage);
    const t2 = again.getState().training;
    expect([t2.smoothing, t2.dataSize]).toEqual([0.3, 1200]);
    expect(t2.runs.map((r) => r.name)).toEqual(['First CNN']);
    expect(t2.runs[0].epochs[0].accuracy).toBeCloseTo(40 / 52);
  });

  it('deletes, hides and clears runs; disposes the worker on detach', () => {
    const { store, t, tr, detach } = setup();
    store.getState().startTraining();
    replay(t);
    const id = tr().runs[0].id;
    store.getState().toggleRunVisible(id);
    expect(tr().runs[0].visible).toBe(false);
    store.getState().deleteRun(id);
    expect(tr().runs).toEqual([]);
    detach();
    expect(t.calls.at(-1)).toBe('dispose');
  });
});

describe('training slice, segmentation and warnings', () => {
  it('labels binary masks background/tumour, asks for 12 samples, and folds Dice per epoch', () => {
    const store = createAppStore({ doc: buildUnet() });
    const t = fakeTrainer();
    store.getState().attachTrainer(t.factory, null, { batchIntervalMs: 0 });
    store.getState().startTraining();
    expect(t.starts[0]).toMatchObject({ data: { taskId: 'brain-mri-segment' }, samples: 12 });
    t.post({ type: 'start', backend: 'wasm', kind: 'segmentation', classNames: ['background', 'glioma', 'meningioma', 'pituitary'], lossName: 'bce+dice', params: 1, splits: { train: 8, validation: 2, test: 2 }, epochs: 1, batchSize: 4, batchesPerEpoch: 2, memory });
    const dice = { perClass: [0.99, NaN], mean: NaN, counted: [2, 0] };
    t.post({
      type: 'epoch', epoch: 1, epochs: 1, trainLoss: 0.7, trainMetrics: { kind: 'segmentation', dice, pixelAccuracy: 0.98 },
      validation: { loss: 0.6, images: 2, metrics: { kind: 'segmentation', dice, pixelAccuracy: 0.98 }, samples: [] },
      imagesPerSecond: 5, seconds: 1, etaSeconds: 0, backend: 'wasm', memory,
    });
    const run = currentRun(store.getState().training)!;
    expect(run.classNames).toEqual(['background', 'tumour']);
    // two empty truths: no foreground Dice (MONAI), stored as null rather than NaN
    expect(run.epochs[0]).toMatchObject({ meanDice: null, dicePerClass: [0.99, null], accuracy: null });
    expect(run.validation?.metrics).toEqual({ kind: 'segmentation', dicePerClass: [0.99, null], meanDice: null, counted: [2, 0], pixelAccuracy: 0.98 });
  });

  it('keeps warnings of the current run only', () => {
    const { store, t, tr } = setup();
    store.getState().startTraining();
    t.post({ type: 'log', level: 'warning', code: 'lr-too-high', message: 'Loss rose from 2.18 to 13.1: the learning rate 10 is probably too high; try 0.01.', suggestedLearningRate: 0.01 });
    expect(tr().log.filter((l) => l.level === 'warning')).toHaveLength(1);
    expect(tr().log[0]).toMatchObject({ code: 'lr-too-high', suggestedLearningRate: 0.01 });
    t.post({ type: 'done', reason: 'completed', epochsDone: 1, test: null, seconds: 1, memory });
    store.getState().startTraining();
    expect(tr().log).toEqual([]);
  });
});

describe('training slice, batching of updates', () => {
  it('folds batch messages in at most every 100 ms, and anything else at once', () => {
    vi.useFakeTimers();
    try {
      const store = createAppStore({ doc: buildFirstCnn() });
      const t = fakeTrainer();
      store.getState().attachTrainer(t.factory, null);
      store.getState().startTraining();
      const batches = () => currentRun(store.getState().training)?.batches.length;
      const states: unknown[] = [];
      store.subscribe((s, prev) => s.training !== prev.training && states.push(s.training));
      for (let b = 1; b <= 5; b++) t.post({ type: 'batch', epoch: 1, batch: b, batches: 10, loss: 2, imagesPerSecond: 40, etaSeconds: 3 });
      expect(batches()).toBe(0);
      vi.advanceTimersByTime(100);
      expect(batches()).toBe(5);
      expect(states).toHaveLength(1); // five batches, one update
      t.post({ type: 'batch', epoch: 1, batch: 6, batches: 10, loss: 2, imagesPerSecond: 40, etaSeconds: 3 });
      t.post({ type: 'log', level: 'warning', code: 'lr-too-high', message: 'rising' });
      expect(batches()).toBe(6); // the log flushed the batch before it, in order
      expect(store.getState().training.log).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('results belong to what produced them', () => {
  it('records task, data and lesson; a task switch, an import or a lesson start empties the shown run instead of showing stale figures', () => {
    const { store, t, tr } = setup();
    store.getState().startTraining();
    replay(t);
    const first = currentRun(tr())!;
    expect(first.dataset).toEqual(GENERATED_DATASET);
    expect(first.lesson).toBeNull();
    const shown = () => shownRun(tr(), contextOf(store.getState()));
    expect(shown()?.id).toBe(first.id);

    // Another task: nothing of the skin run is shown (it stays in the list).
    store.getState().setTask({ id: 'brain-mri-classify' });
    expect(shown()).toBeNull();
    expect(shownSamples(tr(), contextOf(store.getState()), 'validation')).toEqual([]);
    expect(tr().runs).toHaveLength(1);
    // Back to skin: its newest run again.
    store.getState().undo();
    expect(shown()?.id).toBe(first.id);

    // Imported data for this task: another dataset, so the generated run is not its result.
    const dataset = { taskId: 'skin-lesions', kind: 'classification' as const, classes: ['a', 'b'], height: 8, width: 8, channels: 3, count: 2, images: new Uint8Array(384), labels: new Int32Array([0, 1]), groups: ['g1', 'g2'], ids: ['a.jpg', 'b.jpg'], source: 'ham10000', credit: '' };
    store.getState().setImportedData({ dataset, info: { ...taskInfo('skin-lesions')!, classes: ['a', 'b'] } });
    expect(shown()).toBeNull();
    store.getState().startTraining();
    const imported = currentRun(tr())!;
    expect(imported.dataset).toEqual(importedDataset(dataset));
    expect(imported.dataset.key).toMatch(/^imported:ham10000:2:[0-9a-f]{8}$/);
    // The same files imported again are the same dataset; other files are not.
    expect(importedDataset({ ...dataset }).key).toBe(imported.dataset.key);
    expect(importedDataset({ ...dataset, ids: ['a.jpg', 'c.jpg'] }).key).not.toBe(imported.dataset.key);
    replay(t);
    store.getState().setImportedData(null);

    // A lesson on the same task: the run from before it is neither shown nor counted towards the goal.
    const lesson = buildFirstCnnLesson();
    store.getState().startLesson(lesson);
    expect(shown()).toBeNull();
    expect(lessonBest(store.getState())).toBeNull();
    store.getState().startTraining();
    replay(t);
    const inLesson = currentRun(tr())!;
    expect(inLesson.lesson).toBe(lesson.title);
    expect(shown()?.id).toBe(inLesson.id);
    // CASE7's balanced accuracy, from this run only.
    expect(lessonBest(store.getState())).toBeCloseTo(classificationReport(CASE7.m).balancedAccuracy, 10);
    expect(inContext(first, contextOf(store.getState()))).toBe(false);
  });
});
