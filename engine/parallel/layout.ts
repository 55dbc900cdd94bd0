/**
 * Where each variable lives in a gradient slot: the trainable variables' gradients first, then the values
 * of BatchNormalization's moving mean and variance (the non-trainable weights a step changes), in the model's
 * own order.
 * Replicas compiled from the same document have the same layout, so offsets agree across workers.
 */
import type * as tf from '@tensorflow/tfjs';

export interface SlotLayout {
  /** Trainable variables and their offsets into a slot. */
  trainable: { variable: tf.Variable; offset: number; size: number }[];
  /** BatchNormalization's moving statistics (written back after the reduction) and their offsets. */
  nonTrainable: { weight: tf.LayerVariable; offset: number; size: number }[];
  /** Floats per slot. */
  size: number;
}

export function slotLayout(model: tf.LayersModel): SlotLayout {
  let offset = 0;
  const trainable = model.trainableWeights.map((w) => {
    const variable = w.read() as tf.Variable;
    const entry = { variable, offset, size: variable.size };
    offset += variable.size;
    return entry;
  });
  // Only what a step changes: BatchNormalization's moving statistics. A frozen layer's weights are also
  // non-trainable but never change; averaging their equal copies could still move them by a rounding.
  const nonTrainable = model.nonTrainableWeights.filter(isMovingStatistic).map((weight) => {
    const size = weight.shape.reduce<number>((a, b) => a * (b ?? 1), 1);
    const entry = { weight, offset, size };
    offset += size;
    return entry;
  });
  return { trainable, nonTrainable, size: offset };
}

/** Whether a non-trainable weight is a BatchNormalization moving mean or variance (tfjs names them so). */
export function isMovingStatistic(weight: tf.LayerVariable): boolean {
  return /(^|\/)moving_(mean|variance)(_\d+)?$/.test(weight.originalName);
}

/** Floats of every weight of `model` (model.weights order), flattened: what a helper starts from. */
export function flattenWeights(model: tf.LayersModel): Float32Array {
  const values = model.weights.map((w) => w.read().dataSync() as Float32Array);
  const out = new Float32Array(values.reduce((n, v) => n + v.length, 0));
  let offset = 0;
  for (const v of values) {
    out.set(v, offset);
    offset += v.length;
  }
  return out;
}

/**
 * Shared memory for `workers` slots of `slotSize` floats, twice (steps alternate between the two banks),
 * then one Int32 counter per bank: how many slots of that bank replicas have written in all. The counters
 * only grow (step s, 1-based, fills bank (s - 1) % 2 for the {@link bankRound}-th time), so nothing resets
 * one while a slow replica may still be waiting on it.
 */
export function sharedSlots(workers: number, slotSize: number): SharedArrayBuffer {
  return new SharedArrayBuffer(2 * workers * slotSize * Float32Array.BYTES_PER_ELEMENT + 2 * Int32Array.BYTES_PER_ELEMENT);
}

/** The two bank counters at the end of a {@link sharedSlots} buffer (for Atomics). */
export function bankCounters(shared: SharedArrayBuffer, workers: number, slotSize: number): Int32Array {
  return new Int32Array(shared, 2 * workers * slotSize * Float32Array.BYTES_PER_ELEMENT, 2);
}

/** Counts this replica's slot of `bank` as written and wakes replicas waiting for the bank to fill. */
export function markWritten(counters: Int32Array, bank: number): void {
  Atomics.add(counters, bank, 1);
  Atomics.notify(counters, bank);
}

/** How many times step `step` (1-based) and the steps before it have filled its bank: 1, 1, 2, 2, 3... */
export function bankRound(step: number): number {
  return Math.floor((step - 1) / 2) + 1;
}

/**
 * Blocks until the slots of `bank` are written `round` times over (`workers` x `round` writes in all).
 * Workers and Node only (a page's main thread may not wait: see {@link canBlock}).
 */
export function waitForBank(counters: Int32Array, bank: number, workers: number, round: number): void {
  while (!waitForBankUntil(counters, bank, workers, round, 1000));
}

/** {@link waitForBank} for at most `timeoutMs`: whether the bank filled in that time. */
export function waitForBankUntil(counters: Int32Array, bank: number, workers: number, round: number, timeoutMs: number): boolean {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const written = Atomics.load(counters, bank);
    if (written >= workers * round) return true;
    const left = deadline - performance.now();
    if (left <= 0) return false;
    Atomics.wait(counters, bank, written, left);
  }
}

let blocking: boolean | undefined;

/**
 * Whether this thread may block in Atomics.wait: a worker or Node may, a page's main thread may not (it
 * throws there, even when the value differs and nothing would wait).
 */
export function canBlock(): boolean {
  if (blocking === undefined) {
    try {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
      blocking = true;
    } catch {
      blocking = false;
    }
  }
  return blocking;
}

/**
 * How a data-parallel coordinator waits for its helpers' slots (engine/parallel/stepper.ts): blocking on the
 * bank's counter where its helpers' messages are slow to arrive (`auto`, see ReplicaPort.slowMessages), or
 * always, or never (awaiting their messages). Benchmarks switch it to time both ways.
 */
export type SlotWait = 'auto' | 'always' | 'never';
let slotWait: SlotWait = 'auto';

export function setSlotWait(mode: SlotWait): void {
  slotWait = mode;
}

export function slotWaitMode(): SlotWait {
  return slotWait;
}

/** The float view of one bank (all its slots) of a {@link sharedSlots} buffer. */
export function bankView(shared: SharedArrayBuffer, bank: number, workers: number, slotSize: number): Float32Array {
  return new Float32Array(shared, bank * workers * slotSize * Float32Array.BYTES_PER_ELEMENT, workers * slotSize);
}
