/**
 * One training step on a batch, on one worker or several. The training loop and the throughput benchmark
 * step through this interface and never see how many workers there are.
 *
 * - {@link SingleStepper}: the classic step on this thread (optimizer.minimize).
 * - {@link ParallelStepper}: data parallel. This thread is replica 0; helpers (workers 1..N-1) hold exact
 *   copies of the model and optimiser. Each step cuts the batch into shards, every replica computes its
 *   shard's gradient into its slot of a SharedArrayBuffer, and all apply the same summed update
 *   (./replicaCore.ts). A helper counts its slot written (Atomics), answers, and applies the update as soon
 *   as the bank is full, alongside the coordinator: one message round trip per step. The banks alternate,
 *   so no slot is overwritten before every replica has read it.
 * - When the caller knows the next step while this one runs (`meanwhile` returns it), its shards are posted
 *   at once: each helper finds them queued when it finishes this step's update and goes straight on,
 *   instead of idling while the coordinator applies, returns and posts (1-2 ms a step in Chromium).
 * - Shards are equal, so a run repeats exactly with the same seed, until one replica is much slower for a
 *   while (a core another program holds): then they follow the replicas' measured speed (`balance`,
 *   ./shards.ts' chooseShards).
 * - A planned batch (engine/datasets' planBatch: images chosen, augmentation drawn, floats not yet made) is
 *   rendered where it is trained: each replica makes its own shard's floats (./shardSources.ts), and the
 *   helpers' targets come back for the caller's metrics. A single worker renders the whole batch.
 */
import * as tf from '@tensorflow/tfjs';
import type { TaskInfo } from '../../graph/tasks';
import type { GraphDocument, TrainingSettings } from '../../graph/types';
import type { CompiledGraph } from '../compile';
import { batchTensors } from '../train/data';
import { trainableVariables, trainStep } from '../train/step';
import { renderBatch, sourceBytes, type Batch, type PlannedBatch } from '../datasets/batches';
import { bankCounters, bankRound, bankView, canBlock, flattenWeights, markWritten, sharedSlots, slotLayout, slotWaitMode, waitForBankUntil, type SlotLayout } from './layout';
import type { FromReplica } from './messages';
import type { ReplicaFactory, ReplicaPort } from './port';
import { ReplicaCore, type ShardResult } from './replicaCore';
import { inboxViews, publishShard, shardInbox, type ShardInbox } from './inbox';
import { packSources } from './shardSources';
import { median } from '../metrics/ratio';
import { chooseShards, shardRanges, SPLIT_MIN_STEPS, SPLIT_WARMUP_STEPS, SPLIT_WINDOW, type Shard } from './shards';

/**
 * What a step needs of a batch: engine/datasets' Batch (x, y flattened, and their sizes), or a PlannedBatch,
 * whose x and y the step fills (y whole by the time the step returns; x where this thread trained on it).
 */
export type StepBatch = Pick<Batch, 'x' | 'y' | 'batchSize' | 'height' | 'width' | 'channels' | 'yChannels'> | PlannedBatch;

/** Whether the step must make the batch's floats (see {@link StepBatch}). */
function isPlanned(batch: StepBatch): batch is PlannedBatch {
  return 'plans' in batch;
}

export interface StepOutcome {
  /** The batch's mean loss before the update. */
  loss: number;
  /** The head's probabilities for the batch (training mode), when asked for. */
  predictions: Float32Array | null;
}

/** The step after the current one, as far as the helpers need it: see {@link Stepper.step}'s `meanwhile`. */
export interface NextStep {
  batch: StepBatch;
  keepPredictions: boolean;
  learningRate?: number;
}

export interface Stepper {
  /** Workers computing each step (1 = this thread only). */
  readonly workers: number;
  /**
   * One optimisation step. `learningRate` is the rate this step uses (a schedule's), already set on the
   * caller's optimiser; helper replicas set it on theirs. `meanwhile` is work for this thread that must
   * not change the step (the training loop makes the next batch): run while the helpers finish their
   * shards, where this thread would otherwise wait; one worker runs it after the step. When it returns the
   * next step, that step must be the next call, with the same batch object; helpers may start on it early.
   */
  step(batch: StepBatch, keepPredictions: boolean, learningRate?: number, meanwhile?: () => NextStep | void): Promise<StepOutcome>;
  /** Ends the helpers (the model and optimiser belong to the caller). */
  dispose(): void;
}

type Compiled = Pick<CompiledGraph, 'model' | 'loss' | 'logits' | 'head' | 'inputShape'>;

/** One worker: the step as the loop always ran it. */
export class SingleStepper implements Stepper {
  readonly workers = 1;
  private readonly vars: tf.Variable[];

  constructor(
    private readonly compiled: Compiled,
    private readonly optimizer: tf.Optimizer,
    private readonly classWeights?: tf.Tensor1D,
  ) {
    this.vars = trainableVariables(compiled.model);
  }

  async step(batch: StepBatch, keepPredictions: boolean, _learningRate?: number, meanwhile?: () => NextStep | void): Promise<StepOutcome> {
    if (isPlanned(batch)) renderBatch(batch);
    const { x, y } = batchTensors(batch, this.compiled.head.kind === 'segmentation');
    const step = trainStep(this.compiled, this.optimizer, x, y, { classWeights: this.classWeights, vars: this.vars, keepPredictions });
    try {
      const [loss, predictions] = await Promise.all([step.loss.data(), step.predictions ? (step.predictions.data() as Promise<Float32Array>) : null]);
      return { loss: loss[0], predictions };
    } finally {
      tf.dispose([x, y, step.loss, ...(step.predictions ? [step.predictions] : [])]);
      meanwhile?.();
    }
  }

  dispose(): void {}
}

/** What helpers need to rebuild the coordinator's model and optimiser. */
export interface ParallelSetup {
  document: GraphDocument;
  info?: TaskInfo;
  settings: Pick<TrainingSettings, 'optimizer' | 'learningRate' | 'momentum' | 'segmentationLoss' | 'diceMode' | 'seed'>;
  classWeights?: number[];
  /** Total workers, this thread included (>= 2). */
  workers: number;
  factory: ReplicaFactory;
  /**
   * Size each step's shards to the replicas' measured speeds while one is much slower than the others
   * (default true; ./shards.ts' chooseShards): when one core is slowed for a while (another program, a busy
   * browser tab, a shared machine's neighbour) the others take more of the batch instead of waiting for it.
   * The update is the batch's either way (shares weight the shards); the float rounding, and BatchNorm's
   * per-shard statistics, then depend on the timing. On a quiet machine the split stays equal. False keeps
   * the equal split always: the same bits run after run, however loaded the machine.
   */
  balance?: boolean;
}

/** A helper and the answers it owes, oldest first (two when the next step was posted early). */
interface Helper {
  port: ReplicaPort;
  waiting: { resolve: (m: FromReplica) => void; reject: (e: Error) => void }[];
  failure: string | null;
}

/** A step whose helper shards are posted: its bank, its shards (replica order) and the helpers' answers to come. */
interface Posted {
  batch: StepBatch;
  /** Its 1-based step number (the bank's fill round follows from it). */
  step: number;
  bank: number;
  shards: Shard[];
  answers: Promise<FromReplica>[];
  /** Each helper's inbox for this step (a later step may move to a larger one). */
  inboxes: ShardInbox[];
}

/** The least time the coordinator blocks for its helpers' slots before it awaits their messages instead. */
const BLOCK_FLOOR_MS = 50;

export class ParallelStepper implements Stepper {
  readonly workers: number;
  private readonly helpers: Helper[];
  private readonly layout: SlotLayout;
  private readonly shared: SharedArrayBuffer;
  private readonly core: ReplicaCore;
  private readonly counters: Int32Array;
  private steps = 0;
  /** The next step, posted early by the last step's `meanwhile` (see {@link NextStep}). */
  private ahead: Posted | null = null;
  private readonly balance: boolean;
  /** The last steps' ms per image of each replica's shard (NaN for an empty one), and the coordinator's meanwhile ms. */
  private readonly recent: { msPerImage: number[]; meanwhileMs: number }[] = [];
  private splitBySpeed = 0;
  private lastShards: Shard[] = [];
  /** Per helper: shared memory its shards' images and targets are copied into (see {@link ShardInbox}). */
  private readonly inboxes: (ShardInbox | null)[];
  private disposed = false;
  /**
   * Where this thread's time went, in ms summed over steps (benchmarks read it): cutting and posting the
   * helpers' shards, its own shard, the caller's `meanwhile` work, waiting for the helpers' answers, and
   * the summed update; the slowest helper's own time for its shard (`helperShard`, as it measured it); and
   * how many steps' waits ended on the slots' counter rather than the helpers' messages (`slotWaits`).
   */
  readonly timings = { steps: 0, post: 0, shard: 0, meanwhile: 0, wait: 0, apply: 0, helperShard: 0, slotWaits: 0 };

  private constructor(compiled: Compiled, optimizer: tf.Optimizer, setup: ParallelSetup, classWeights: tf.Tensor1D | undefined) {
    this.workers = setup.workers;
    this.balance = setup.balance ?? true;
    this.inboxes = new Array<ShardInbox | null>(setup.workers - 1).fill(null);
    this.layout = slotLayout(compiled.model);
    this.shared = sharedSlots(this.workers, this.layout.size);
    this.counters = bankCounters(this.shared, this.workers, this.layout.size);
    this.core = new ReplicaCore(compiled, optimizer, this.layout, this.workers, classWeights);
    this.helpers = Array.from({ length: this.workers - 1 }, () => {
      const helper: Helper = { port: setup.factory(), waiting: [], failure: null };
      helper.port.onMessage((message) => {
        if (message.type === 'failed') {
          // A failed helper answers nothing more: every answer it owes is this failure.
          helper.failure = message.message;
          for (const waiting of helper.waiting.splice(0)) waiting.reject(new Error(message.message));
          return;
        }
        helper.waiting.shift()?.resolve(message);
      });
      return helper;
    });
  }

  /**
   * Starts `setup.workers - 1` helpers with copies of `compiled`'s current weights and resolves once all are
   * ready. `optimizer` must be fresh (no step taken): every replica starts its own from the same state.
   * Rejects (after ending the helpers) when one cannot start.
   */
  static async start(compiled: Compiled, optimizer: tf.Optimizer, setup: ParallelSetup, classWeights?: tf.Tensor1D): Promise<ParallelStepper> {
    if (typeof SharedArrayBuffer !== 'function') throw new Error('SharedArrayBuffer is not available (the page is not cross-origin isolated).');
    const stepper = new ParallelStepper(compiled, optimizer, setup, classWeights);
    const backend = tf.getBackend();
    try {
      if (backend !== 'wasm' && backend !== 'cpu') throw new Error(`Data-parallel training runs on wasm or cpu, not ${backend}.`);
      const weights = flattenWeights(compiled.model);
      await Promise.all(
        stepper.helpers.map((helper, i) => {
          const answer = stepper.expect(helper);
          helper.port.postMessage({
            type: 'init',
            backend,
            document: setup.document,
            info: setup.info,
            settings: setup.settings,
            weights,
            classWeights: setup.classWeights,
            shared: stepper.shared,
            slot: i + 1,
            workers: setup.workers,
          });
          return answer;
        }),
      );
      return stepper;
    } catch (error) {
      stepper.dispose();
      throw error;
    }
  }

  async step(batch: StepBatch, keepPredictions: boolean, learningRate?: number, meanwhile?: () => NextStep | void): Promise<StepOutcome> {
    if (this.disposed) throw new Error('This stepper was disposed.');
    const t = this.timings;
    let mark = performance.now();
    /** Adds the time since the last lap to `phase` and returns it. */
    const lap = (phase: 'post' | 'shard' | 'meanwhile' | 'wait' | 'apply') => {
      const at = performance.now();
      const ms = at - mark;
      t[phase] += ms;
      mark = at;
      return ms;
    };
    t.steps++;
    const ahead = this.ahead;
    this.ahead = null;
    if (ahead && ahead.batch !== batch) throw new Error('The step posted ahead was for another batch.');
    const { step, bank, answers, shards, inboxes } = ahead ?? this.post(batch, keepPredictions, learningRate);
    const xPer = batch.height * batch.width * batch.channels;
    const yPer = batch.y.length / Math.max(1, batch.batchSize);
    const view = bankView(this.shared, bank, this.workers, this.layout.size);
    const own = shards[0];
    let mine: ShardResult | undefined;
    lap('post');
    let shardMs = 0;
    let meanwhileMs = 0;
    let applied = false;
    try {
      if (isPlanned(batch)) renderBatch(batch, own.start, own.end);
      mine = this.core.computeShard(
        batch.x.subarray(own.start * xPer, own.end * xPer),
        batch.y.subarray(own.start * yPer, own.end * yPer),
        own.end - own.start,
        own.scale,
        view.subarray(0, this.layout.size),
        keepPredictions,
      );
    } finally {
      // Even when this thread failed: the helpers wait for this slot before they go on.
      markWritten(this.counters, bank);
      shardMs = lap('shard');
      // This thread's shard is done; the helpers' usually are not: do the caller's work in that gap, and
      // queue the next step's shards so the helpers go straight on to them (not after a failure: the run ends).
      const next = meanwhile?.();
      if (next && mine && !this.disposed) this.ahead = this.post(next.batch, next.keepPredictions, next.learningRate);
      meanwhileMs = lap('meanwhile');
      // Where the helpers' messages are slow to arrive (Node's worker threads), wait for the bank's counter
      // instead: it wakes this thread within microseconds, and the update runs while the messages (loss,
      // predictions) come through. Bounded, so that a helper that failed (it never counts its slot; its
      // failure comes as a message) or a slowed one hands the wait back to the event loop.
      if (mine && this.blocksOnSlots() && waitForBankUntil(this.counters, bank, this.workers, bankRound(step), Math.max(BLOCK_FLOOR_MS, shardMs))) {
        lap('wait');
        t.slotWaits++;
        this.core.reduceAndApply(view);
        lap('apply');
        applied = true;
      }
      await Promise.allSettled(answers);
      lap('wait');
    }
    const helped = (await Promise.all(answers)).map((m) => m as Extract<FromReplica, { type: 'grads' }>);
    t.helperShard += Math.max(0, ...helped.map((m) => m.shardMs));
    this.measured(step, shards, [shardMs, ...helped.map((m) => m.shardMs)], meanwhileMs);
    this.lastShards = shards;
    const results = [mine!, ...helped];
    // The helpers rendered their shards' targets in their inboxes: the caller's metrics read the whole batch's.
    if (isPlanned(batch)) {
      shards.slice(1).forEach(({ start, end }, i) => batch.y.set(inboxViews(inboxes[i], step % 2, end - start).y, start * yPer));
    }
    if (!applied) {
      this.core.reduceAndApply(view);
      lap('apply');
    }
    let loss = 0;
    results.forEach((r, i) => (loss += r.loss * shards[i].scale));
    let predictions: Float32Array | null = null;
    if (keepPredictions) {
      predictions = new Float32Array(results.reduce((n, r) => n + (r.predictions?.length ?? 0), 0));
      let offset = 0;
      for (const r of results) {
        if (!r.predictions) continue;
        predictions.set(r.predictions, offset);
        offset += r.predictions.length;
      }
    }
    return { loss, predictions };
  }

  /**
   * Posts the helpers' shards of the next step (1-based number `this.steps + 1`, bank alternating) and
   * returns the answers to come.
   */
  private post(batch: StepBatch, keepPredictions: boolean, learningRate?: number): Posted {
    const step = ++this.steps;
    const bank = (step - 1) % 2;
    const shards = this.balance ? this.followSpeed(batch.batchSize) : shardRanges(batch.batchSize, this.workers);
    const xPer = batch.height * batch.width * batch.channels;
    const yPer = batch.y.length / Math.max(1, batch.batchSize);
    const planned = isPlanned(batch);
    const inboxes: ShardInbox[] = [];
    const answers = this.helpers.map((helper, i) => {
      const { start, end, scale } = shards[i + 1];
      const answer = this.expect(helper);
      const n = end - start;
      const known = this.inboxes[i];
      const inbox = (this.inboxes[i] = shardInbox(known, n, batch.batchSize, xPer, yPer, planned ? sourceBytes(batch.spec) : undefined));
      inboxes.push(inbox);
      const views = inboxViews(inbox, step % 2, n);
      if (planned) packSources(views, batch, start, end);
      else {
        views.x.set(batch.x.subarray(start * xPer, end * xPer));
        views.y.set(batch.y.subarray(start * yPer, end * yPer));
      }
      publishShard(inbox, { step, bank, n, scale, keepPredictions, learningRate, ...(planned ? { render: batch.spec } : {}) });
      helper.port.postMessage(inbox === known ? { type: 'step', step } : { type: 'step', step, inbox });
      // A step posted ahead may never be taken (the run stops first): its failure must not go unhandled.
      answer.catch(() => undefined);
      return answer;
    });
    return { batch, step, bank, shards, answers, inboxes };
  }

  /** Whether this step waits for the helpers' slots on their counter (see layout.ts' setSlotWait). */
  private blocksOnSlots(): boolean {
    const mode = slotWaitMode();
    if (mode === 'never' || !canBlock()) return false;
    return mode === 'always' || this.helpers.every((h) => h.port.slowMessages);
  }

  /** Steps so far whose batch was shared by the replicas' speed rather than equally (see {@link followSpeed}). */
  get stepsSplitBySpeed(): number {
    return this.splitBySpeed;
  }

  /** The sizes of the last step's shards, replica order (diagnostics: how the balance split the batch). */
  get shardSizes(): number[] {
    return this.lastShards.map(({ start, end }) => end - start);
  }

  /**
   * Keeps step `step`'s shard times (replica order) and the coordinator's meanwhile time for the next splits;
   * not the first steps', which compile and warm each replica's kernels (a helper's second step still took
   * 2.3 times the coordinator's per image, and split the batch by it).
   */
  private measured(step: number, shards: Shard[], ms: number[], meanwhileMs: number): void {
    if (step <= SPLIT_WARMUP_STEPS) return;
    this.recent.push({ msPerImage: shards.map(({ start, end }, i) => (end > start && ms[i] > 0 ? ms[i] / (end - start) : NaN)), meanwhileMs });
    if (this.recent.length > SPLIT_WINDOW) this.recent.shift();
  }

  /**
   * The equal split, or shards sized by the replicas' speed while one is much slower (./shards.ts'
   * chooseShards, on the medians of the last steps: one noisy step moves neither).
   */
  private followSpeed(batchSize: number): Shard[] {
    if (this.recent.length < SPLIT_MIN_STEPS) return shardRanges(batchSize, this.workers);
    const msPerImage = Array.from({ length: this.workers }, (_, i) => median(this.recent.map((r) => r.msPerImage[i]).filter((v) => v > 0)));
    const shards = chooseShards(batchSize, msPerImage, [median(this.recent.map((r) => r.meanwhileMs))]);
    if (shards[0].end !== shardRanges(batchSize, this.workers)[0].end) this.splitBySpeed++;
    return shards;
  }

  /** Each helper's weights after the last update (tests: every replica must hold the coordinator's). */
  async helperWeights(): Promise<Float32Array[]> {
    if (this.ahead) throw new Error('A step is posted ahead: take it before reading the helpers\' weights.');
    const answers = this.helpers.map((helper) => {
      const answer = this.expect(helper);
      helper.port.postMessage({ type: 'weights' });
      return answer;
    });
    return (await Promise.all(answers)).map((m) => (m as Extract<FromReplica, { type: 'weights' }>).weights);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const helper of this.helpers) {
      for (const waiting of helper.waiting.splice(0)) waiting.reject(new Error('The training workers were stopped.'));
      helper.port.terminate();
    }
  }

  /** The helper's next answer (its failure, if it has failed). */
  private expect(helper: Helper): Promise<FromReplica> {
    if (helper.failure) return Promise.reject(new Error(helper.failure));
    return new Promise((resolve, reject) => helper.waiting.push({ resolve, reject }));
  }
}
