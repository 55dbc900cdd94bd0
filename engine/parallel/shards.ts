/**
 * Pure arithmetic of data-parallel training: how a batch is cut into shards, how many workers a machine
 * gets, and the reduction of the workers' gradient slots. No tfjs, no threads: tested directly.
 */

/** A shard of a batch: images `[start, end)`, and its weight `(end - start) / batchSize` in the batch mean. */
export interface Shard {
  start: number;
  end: number;
  scale: number;
}

/**
 * Cuts a batch of `batchSize` into `workers` contiguous shards whose sizes differ by at most one, the
 * larger ones first (a batch smaller than the worker count leaves the last workers an empty shard).
 * Contiguous, so the concatenated predictions come back in batch order.
 *
 * @example shardRanges(5, 2) // [{start: 0, end: 3, scale: 0.6}, {start: 3, end: 5, scale: 0.4}]
 */
export function shardRanges(batchSize: number, workers: number): Shard[] {
  const base = Math.floor(batchSize / workers);
  const extra = batchSize % workers;
  const out: Shard[] = [];
  let start = 0;
  for (let i = 0; i < workers; i++) {
    const end = start + base + (i < extra ? 1 : 0);
    out.push({ start, end, scale: batchSize > 0 ? (end - start) / batchSize : 0 });
    start = end;
  }
  return out;
}

/**
 * Sums `workers` slots of `size` floats laid end to end in `bank` into `out`, slot 0 first. Every replica
 * runs this same loop in the same order, so every replica gets the same bits and applies the same update.
 */
export function sumSlots(bank: Float32Array, workers: number, size: number, out: Float32Array): Float32Array {
  out.set(bank.subarray(0, size));
  for (let w = 1; w < workers; w++) {
    const base = w * size;
    for (let i = 0; i < size; i++) out[i] += bank[base + i];
  }
  return out;
}

/** Upper bound of the worker setting (a page rarely gains from more; each worker holds a model copy). */
export const MAX_WORKERS = 16;

/**
 * How many training workers to use on a machine with `cores` logical cores when the user has not chosen:
 * all of them on 1 or 2 cores (the page is idle while training; leaving one of two cores unused would halve
 * the speed), one fewer from 3 cores up so the page, its charts and the browser keep a core.
 * A `requested` count (the user's setting) wins, clamped to [1, MAX_WORKERS].
 *
 * @example defaultWorkerCount(2) // 2; defaultWorkerCount(8) // 7; defaultWorkerCount(8, 1) // 1
 */
export function defaultWorkerCount(cores: number, requested?: number): number {
  if (requested !== undefined && Number.isFinite(requested) && requested >= 1) return Math.min(MAX_WORKERS, Math.floor(requested));
  const n = Number.isFinite(cores) && cores >= 1 ? Math.floor(cores) : 1;
  return Math.max(1, Math.min(MAX_WORKERS, n <= 2 ? n : n - 1));
}
