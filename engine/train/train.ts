/**
 * The training loop, independent of the worker: it runs the same in Node (tests, CLI, benchmarks) and in
 * the web worker. It compiles the graph on the active backend, prepares the data (generates it from a
 * spec if needed, fits it to the Input), splits it (seeded, grouped), and trains with shuffled, augmented
 * batches, streaming per-batch loss and per-epoch training and validation metrics. The test split is
 * evaluated once, at the end. Everything it creates is disposed (tf.memory().numTensors is the same after
 * every epoch).
 */
import * as tf from '@tensorflow/tfjs';
import { DEFAULT_TRAINING } from '../../graph/document';
import type { TaskInfo } from '../../graph/tasks';
import type { GraphDocument, TrainingSettings } from '../../graph/types';
import { learningRateAt, setOptimizerLearningRate } from './schedule';
import { compileGraph, createOptimizer, disposeOptimizer, inverseFrequencyWeights, type CompiledGraph } from '../compile';
import { batchIndices, epochOrder, planBatch, type BatchArrays, type PlannedBatch } from '../datasets/batches';
import { createRng } from '../datasets/rng';
import { splitDataset } from '../datasets/split';
import type { Dataset, DatasetSplits } from '../datasets/types';
import { TrainControl, yieldToEventLoop } from './control';
import { fitDataset, generateFor, isDataSpec, type DataSpec } from './data';
import { divergenceMessage, RisingLossWatch, suggestedLearningRate } from './divergence';
import { GPU_LOST_HINT, isGpuLost } from './gpuLost';
import { priorBias } from './prior';
import { applyImportedWeights } from '../import/applyWeights';
import type { NamedTensor } from '../export/tensor';
import { batchOptions, evaluate, PassAccumulator, pickSamples, type EvalContext } from './evaluate';
import type { DoneEvent, EpochEvent, EvalResult, MemoryInfo, TrainEvent } from './events';
import { ParallelStepper, SingleStepper, type NextStep, type Stepper } from '../parallel/stepper';
import type { ReplicaFactory } from '../parallel/port';

/** Said once a run, when a slowed core makes the batch follow the workers' speed (ParallelStepper.stepsSplitBySpeed). */
export const SPLIT_BY_SPEED_MESSAGE =
  'One worker ran at under half the speed of another for several steps (another program, or this page, busy on its core), so each batch is now shared by their speed: a rerun with the same seed may end slightly differently.';

/** What to train: a graph document, its data, and settings overriding the document's. */
export interface TrainSpec {
  document: GraphDocument;
  /** A dataset in memory, or a bundled task's generator spec. */
  data: Dataset | DataSpec;
  /** Overrides of `document.training` (epochs, batch size, learning rate...). */
  settings?: Partial<TrainingSettings>;
  /** Share of images for the test split (ignored when the dataset ships one). Default 0.2. */
  testFraction?: number;
  /** Sample predictions per validation and test pass. Default 8. */
  samples?: number;
  /** Task description for imported datasets (default: graph/tasks.ts). */
  info?: TaskInfo;
  /** Hand the trained model back in the result instead of disposing it (the caller disposes it). */
  keepModel?: boolean;
  /**
   * Workers computing each step, this thread included (default 1). Above 1, training is data parallel
   * (engine/parallel) with helpers started by `replicas`; on webgl/webgpu, or where helpers cannot start,
   * it falls back to one worker and says why in a 'workers' log line.
   */
  workers?: number;
  /** Starts helper replicas (engine/parallel: browserReplicas in a page, nodeReplicas in Node). */
  replicas?: ReplicaFactory;
  /**
   * Weights to start from instead of a fresh initialisation, named `<node id>/<role>` (an imported model's,
   * engine/import). Nodes without any, or whose shapes changed since, start fresh.
   */
  initialWeights?: NamedTensor[];
}

/** Where events go. */
export interface TrainCallbacks {
  onEvent(event: TrainEvent): void;
}

/** What a run ends with. */
export interface TrainResult {
  reason: DoneEvent['reason'];
  epochsDone: number;
  /** Every epoch event, in order. */
  history: EpochEvent[];
  test: EvalResult | null;
  /** With `keepModel`: the trained model (and its head, loss, layer names). */
  compiled?: CompiledGraph;
  /** The split used, as dataset indices. */
  splits?: DatasetSplits;
}

const now = () => performance.now();
const memory = (): MemoryInfo => {
  const m = tf.memory();
  return { numTensors: m.numTensors, numBytes: m.numBytes };
};

/** Why the data cannot train this head, or null when it can. */
function dataMismatch(ds: Dataset, compiled: CompiledGraph, maskMode: 'binary' | 'multiclass'): string | null {
  const head = compiled.head;
  if (ds.count === 0) return 'The dataset has no images.';
  if (ds.kind !== head.kind) return `The data ("${ds.taskId}") is for ${ds.kind}, but the graph's Output is a ${head.kind} head.`;
  if (head.kind === 'segmentation' && !ds.masks) return `The data ("${ds.taskId}") has no masks to learn from.`;
  const wanted = head.kind === 'classification' || maskMode === 'multiclass' ? head.classes : null;
  if (wanted !== null && ds.classes.length !== wanted) {
    return `The data has ${ds.classes.length} classes but the Output produces ${wanted}. Choose the graph's task to match the data.`;
  }
  return null;
}

/**
 * The stepper for a run: data parallel over `spec.workers` when asked and possible, else one worker, with
 * a 'workers' log line saying which and, when fewer than asked, why.
 */
async function startStepper(
  spec: TrainSpec,
  settings: TrainingSettings,
  compiled: CompiledGraph,
  optimizer: tf.Optimizer,
  classWeights: number[] | undefined,
  classWeightTensor: tf.Tensor1D | undefined,
  emit: (event: TrainEvent) => void,
): Promise<Stepper> {
  const wanted = Math.max(1, Math.floor(spec.workers ?? 1));
  const single = (why: string) => {
    if (wanted > 1) emit({ type: 'log', level: 'info', code: 'workers', message: `Training on one worker: ${why}.` });
    return new SingleStepper(compiled, optimizer, classWeightTensor);
  };
  if (wanted === 1) return single('');
  const backend = tf.getBackend();
  if (backend !== 'wasm' && backend !== 'cpu') return single(`${backend} runs on the GPU, which one worker already fills`);
  if (!spec.replicas) return single('no way to start worker threads here');
  emit({ type: 'progress', phase: `Starting ${wanted} training workers`, done: 0, total: 1 });
  try {
    const stepper = await ParallelStepper.start(
      compiled,
      optimizer,
      {
        document: spec.document,
        info: spec.info,
        settings: { optimizer: settings.optimizer, learningRate: settings.learningRate, momentum: settings.momentum, segmentationLoss: settings.segmentationLoss, diceMode: settings.diceMode, seed: settings.seed },
        classWeights,
        workers: wanted,
        factory: spec.replicas,
      },
      classWeightTensor,
    );
    emit({ type: 'progress', phase: `Starting ${wanted} training workers`, done: 1, total: 1 });
    emit({ type: 'log', level: 'info', code: 'workers', message: `Training on ${wanted} workers, each computing a share of every batch.` });
    return stepper;
  } catch (error) {
    return single(`the other workers could not start (${error instanceof Error ? error.message : String(error)})`);
  }
}

/**
 * Trains `spec.document` on `spec.data`, reporting through `callbacks.onEvent`, obeying `control`
 * (pause/resume/stop between batches). Resolves when the run ends, however it ends (it does not throw for
 * invalid graphs, bad data or divergence: those end with an `error` event and `done`).
 * The backend must be initialised first (engine/backends initBackend).
 *
 * @example
 * const control = new TrainControl();
 * const result = await train({ document, data: { taskId: 'random-classify', count: 200 } }, { onEvent: console.log }, control);
 */
export async function train(spec: TrainSpec, callbacks: TrainCallbacks, control: TrainControl = new TrainControl()): Promise<TrainResult> {
  const emit = (event: TrainEvent) => callbacks.onEvent(event);
  const started = now();
  const settings: TrainingSettings = { ...DEFAULT_TRAINING, ...spec.document.training, ...spec.settings };
  const maskMode = spec.document.task.maskMode ?? 'binary';
  const history: EpochEvent[] = [];
  const unsubscribe = control.onChange((state) => emit({ type: 'status', state }));
  let compiled: CompiledGraph | undefined;
  let optimizer: tf.Optimizer | undefined;
  let stepper: Stepper | undefined;
  let classWeights: tf.Tensor1D | undefined;
  let reason: DoneEvent['reason'] = 'completed';
  let epochsDone = 0;
  let test: EvalResult | null = null;
  let splits: DatasetSplits | undefined;

  const fail = (code: 'invalid-graph' | 'data' | 'internal' | 'gpu-lost', message: string, hint: string) => {
    emit({ type: 'error', code, message, hint });
    reason = 'failed';
  };

  try {
    emit({ type: 'progress', phase: 'Compiling the graph', done: 0, total: 1 });
    const result = compileGraph(spec.document, { info: spec.info, segmentationLoss: settings.segmentationLoss, diceMode: settings.diceMode, seed: settings.seed });
    if (!result.ok) {
      fail('invalid-graph', result.issues.map((i) => i.message).join('\n'), 'Fix the errors shown on the canvas, then train again.');
      return finish();
    }
    compiled = result;
    for (const w of result.warnings) emit({ type: 'log', level: 'warning', code: 'graph-warning', message: w.message });
    emit({ type: 'progress', phase: 'Compiling the graph', done: 1, total: 1 });

    const [height, width, channels] = compiled.inputShape;
    let ds: Dataset;
    try {
      if (isDataSpec(spec.data)) {
        const dataSpec = spec.data;
        ds = generateFor(dataSpec, height, maskMode, (done, total, phase) => emit({ type: 'progress', phase: phase || 'Generating images', done, total }));
      } else ds = spec.data;
      if (ds.height !== height || ds.width !== width || ds.channels !== channels) {
        emit({ type: 'log', level: 'info', code: 'input-resized', message: `Fitting ${ds.width}x${ds.height}x${ds.channels} images to the Input's ${width}x${height}x${channels}.` });
        ds = fitDataset(ds, height, width, channels);
      }
    } catch (error) {
      fail('data', error instanceof Error ? error.message : String(error), 'Check the data settings (task, image count and size).');
      return finish();
    }
    const mismatch = dataMismatch(ds, compiled, maskMode);
    if (mismatch) {
      fail('data', mismatch, 'Pick data for the graph\'s task, or change the task.');
      return finish();
    }

    splits = splitDataset(ds, { testFraction: spec.testFraction ?? 0.2, validationFraction: settings.validationFraction, seed: settings.seed });
    if (splits.train.length === 0) {
      fail('data', `No training images: ${ds.count} images leave none after the test and validation splits.`, 'Use more images.');
      return finish();
    }
    const head = compiled.head;
    let weights: number[] | undefined;
    if (head.kind === 'classification' && settings.classWeights) {
      weights = inverseFrequencyWeights(splits.train.map((i) => ds.labels[i]), head.classes);
      classWeights = tf.tensor1d(weights);
    }
    let headImported = false;
    if (spec.initialWeights?.length) {
      const applied = applyImportedWeights(compiled, spec.initialWeights);
      const outputId = spec.document.nodes.find((n) => n.type === 'Output')?.id;
      headImported = outputId !== undefined && applied.applied.includes(outputId);
      const weighted = compiled.model.layers.filter((l) => l.weights.length > 0).length;
      emit({ type: 'log', level: 'info', code: 'imported-weights', message: `Starting from the imported weights of ${applied.applied.length} of ${weighted} weighted layers${applied.skipped.length ? ` (${applied.skipped.length} changed since the import and start fresh)` : ''}.` });
    }
    // An imported head keeps its trained bias; only a fresh one starts at the class prior.
    const bias = compiled.headBias && !headImported ? priorBias(ds, splits.train, head, settings.classWeights) : null;
    if (bias && compiled.headBias && !headImported) {
      const values = tf.tensor1d(bias);
      compiled.headBias.write(values);
      values.dispose();
    }
    optimizer = createOptimizer(settings);
    stepper = await startStepper(spec, settings, compiled, optimizer, weights, classWeights, emit);
    const ctx: EvalContext = { compiled, ds, maskMode, batchSize: settings.batchSize, classWeights };
    const sampleCount = spec.samples ?? 8;
    const validationSamples = pickSamples(splits.validation, sampleCount);
    const batchesPerEpoch = Math.ceil(splits.train.length / settings.batchSize);
    emit({
      type: 'start',
      backend: tf.getBackend(),
      kind: head.kind,
      classNames: [...head.classNames],
      lossName: compiled.lossName,
      params: compiled.model.countParams(),
      splits: { train: splits.train.length, validation: splits.validation.length, test: splits.test.length },
      epochs: settings.epochs,
      batchSize: settings.batchSize,
      batchesPerEpoch,
      ...(weights ? { classWeights: weights } : {}),
      workers: stepper.workers,
      memory: memory(),
    });

    // Cross-entropy of a uniform guess over K classes is ln K; segmentation losses have no such yardstick here.
    const chance = head.kind === 'classification' ? Math.log(head.classNames.length) : undefined;
    const rising = new RisingLossWatch(settings.learningRate, settings.optimizer, chance);
    let trainSeconds = 0;
    let batchesDone = 0;
    let currentRate = settings.learningRate;
    let validationSeconds = 0;
    // Until a validation pass has been timed: inference costs about a third of a training step per image.
    const estimateValidation = () =>
      validationSeconds || (batchesDone ? (trainSeconds / batchesDone) * (splits?.validation.length ?? 0) / settings.batchSize / 3 : 0);
    const eta = (epoch: number, batchesLeftThisEpoch: number, validationPending: boolean) => {
      const perBatch = batchesDone ? trainSeconds / batchesDone : 0;
      const epochsLeft = settings.epochs - epoch;
      const batches = batchesLeftThisEpoch + epochsLeft * batchesPerEpoch;
      const passes = epochsLeft + (validationPending ? 1 : 0);
      const testPass = splits && splits.validation.length ? (estimateValidation() * splits.test.length) / splits.validation.length : 0;
      return batches * perBatch + passes * estimateValidation() + testPass;
    };

    const batchMemory: [BatchArrays, BatchArrays] = [{}, {}];
    let toldSplitBySpeed = false;
    for (let epoch = 1; epoch <= settings.epochs && reason === 'completed'; epoch++) {
      const epochStart = now();
      const rng = createRng(`augment:${settings.seed}:${epoch}`);
      const parts = batchIndices(epochOrder(splits.train, settings.seed, epoch), settings.batchSize);
      const acc = new PassAccumulator(head);
      let lossSum = 0;
      let seen = 0;
      let epochTrainSeconds = 0;
      // The next batch, planned while this step's helper replicas finish (the rng is drawn in the same order).
      let prefetched: PlannedBatch | null = null;
      // Batch b is made in holder b % 2: the next batch is made while this one trains, never while it is in use.
      // Planned, not rendered: the stepper makes the floats where they are trained (each replica its shard).
      const nextBatch = (b: number) => planBatch(ds, parts[b], { ...batchOptions(ctx), augment: settings.augment, rng, into: batchMemory[b % 2] });
      const rateOf = (b: number) =>
        learningRateAt(settings.learningRate, settings.schedule, {
          step: (epoch - 1) * batchesPerEpoch + b,
          stepsPerEpoch: batchesPerEpoch,
          totalSteps: settings.epochs * batchesPerEpoch,
        });
      for (let b = 0; b < parts.length; b++) {
        if (!(await control.checkpoint())) {
          reason = 'stopped';
          break;
        }
        const t0 = now();
        const batch = prefetched ?? nextBatch(b);
        prefetched = null;
        const learningRate = rateOf(b);
        if (learningRate !== currentRate) setOptimizerLearningRate(optimizer, (currentRate = learningRate));
        // Helper replicas get the step's rate with their shard (they apply the same update).
        // A batch that cannot be made is made again in its own turn, which then fails the run as before.
        // The next batch, once made, goes to the helpers at once (they start on it when this step is done).
        const prefetch =
          b + 1 < parts.length
            ? (): NextStep | undefined => {
                try {
                  prefetched = nextBatch(b + 1);
                } catch {
                  prefetched = null;
                  return undefined;
                }
                return { batch: prefetched, keepPredictions: true, learningRate: rateOf(b + 1) };
              }
            : undefined;
        const step = await stepper.step(batch, true, learningRate, prefetch);
        const loss = step.loss;
        const probs = step.predictions as Float32Array;
        if (!Number.isFinite(loss)) {
          const { message, hint } = divergenceMessage(loss, epoch, b + 1, settings.learningRate, settings.optimizer);
          emit({ type: 'error', code: 'diverged', message, hint });
          reason = 'diverged';
          break;
        }
        const warning = rising.add(loss);
        if (warning) {
          const suggested = suggestedLearningRate(settings.learningRate, settings.optimizer);
          emit({ type: 'log', level: 'warning', code: 'lr-too-high', message: warning, suggestedLearningRate: suggested });
        }
        if (!toldSplitBySpeed && stepper instanceof ParallelStepper && stepper.stepsSplitBySpeed > 0) {
          toldSplitBySpeed = true;
          emit({ type: 'log', level: 'info', code: 'split-by-speed', message: SPLIT_BY_SPEED_MESSAGE });
        }
        acc.update(batch, probs);
        lossSum += loss * parts[b].length;
        seen += parts[b].length;
        const dt = (now() - t0) / 1000;
        epochTrainSeconds += dt;
        trainSeconds += dt;
        batchesDone++;
        emit({
          type: 'batch',
          epoch,
          batch: b + 1,
          batches: parts.length,
          loss,
          learningRate,
          imagesPerSecond: epochTrainSeconds > 0 ? seen / epochTrainSeconds : 0,
          etaSeconds: eta(epoch, parts.length - b - 1, splits.validation.length > 0),
        });
      }
      if (reason !== 'completed') break;

      const v0 = now();
      const validation = splits.validation.length
        ? await evaluate(ctx, splits.validation, validationSamples, async () => {
            await yieldToEventLoop();
            return control.stopped;
          })
        : null;
      if (validation) validationSeconds = (now() - v0) / 1000;
      epochsDone = epoch;
      const event: EpochEvent = {
        type: 'epoch',
        epoch,
        epochs: settings.epochs,
        trainLoss: seen ? lossSum / seen : NaN,
        trainMetrics: acc.result(),
        validation,
        imagesPerSecond: epochTrainSeconds > 0 ? seen / epochTrainSeconds : 0,
        seconds: (now() - epochStart) / 1000,
        etaSeconds: eta(epoch, 0, false),
        backend: tf.getBackend(),
        memory: memory(),
      };
      history.push(event);
      emit(event);
      if (control.stopped) reason = 'stopped';
    }

    if ((reason === 'completed' || reason === 'stopped') && splits.test.length > 0) {
      emit({ type: 'log', level: 'info', code: 'evaluating-test', message: `Evaluating on the ${splits.test.length} test images.` });
      test = await evaluate(ctx, splits.test, pickSamples(splits.test, sampleCount));
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (isGpuLost(error)) fail('gpu-lost', `The ${tf.getBackend()} backend lost its GPU mid-run: ${message}`, GPU_LOST_HINT);
    else fail('internal', message, 'This is a bug in Convas or an unsupported setting; the log has details.');
  }
  return finish();

  function finish(): TrainResult {
    unsubscribe();
    stepper?.dispose();
    classWeights?.dispose();
    if (optimizer) disposeOptimizer(optimizer);
    const keep = spec.keepModel && compiled && reason !== 'failed';
    if (!keep) compiled?.model.dispose();
    emit({ type: 'done', reason, epochsDone, test, seconds: (now() - started) / 1000, memory: memory() });
    return { reason, epochsDone, history, test, ...(keep ? { compiled } : {}), ...(splits ? { splits } : {}) };
  }
}
