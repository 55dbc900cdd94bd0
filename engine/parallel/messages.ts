/**
 * Messages between the training loop (the coordinator, replica 0) and its helper replicas (workers 1..N-1)
 * in data-parallel training. Structured-clone safe; the gradient slots travel through a SharedArrayBuffer,
 * never through messages.
 */
import type { TaskInfo } from '../../graph/tasks';
import type { GraphDocument, TrainingSettings } from '../../graph/types';
import type { ShardInbox } from './inbox';

/** Everything a helper needs to become an exact copy of the coordinator's model and optimiser. */
export interface InitMessage {
  type: 'init';
  /** tfjs backend to run on ('wasm' or 'cpu'); the coordinator's own. */
  backend: 'wasm' | 'cpu';
  document: GraphDocument;
  info?: TaskInfo;
  settings: Pick<TrainingSettings, 'optimizer' | 'learningRate' | 'momentum' | 'segmentationLoss' | 'diceMode' | 'seed'>;
  /** Every weight of the model (model.weights order), flattened: the coordinator's starting point. */
  weights: Float32Array;
  classWeights?: number[];
  /** Two banks of `workers` slots of `slotSize` floats each (see ./layout.ts). */
  shared: SharedArrayBuffer;
  /** This helper's slot index (1..workers-1). */
  slot: number;
  workers: number;
}

/**
 * One training step's shard, published in the helper's shared inbox (./inbox.ts: images, targets and the
 * step's parameters). The helper computes it, writes its slot, answers with `grads`, then waits for every
 * slot of the bank and applies the summed update (while the coordinator does the same), ready for the next
 * step; a helper that finds the next step already published runs it at once, before this message arrives.
 */
export interface StepMessage {
  type: 'step';
  step: number;
  /** A new inbox (the first step's, or a bigger one): the helper keeps it for the steps after. */
  inbox?: ShardInbox;
}

/** Test and diagnostics: the helper's current weights (after every update it was sent). */
export interface WeightsRequest {
  type: 'weights';
}

export type ToReplica = InitMessage | StepMessage | WeightsRequest;

export type FromReplica =
  | { type: 'ready' }
  /** `shardMs`: the helper's time for the shard's gradient (diagnostics: ParallelStepper.timings). */
  | { type: 'grads'; step: number; loss: number; predictions: Float32Array | null; shardMs: number }
  | { type: 'weights'; weights: Float32Array }
  | { type: 'failed'; message: string };
