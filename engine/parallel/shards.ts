/**
 * Pure arithmetic of data-parallel training: how a batch is cut into shards, and the reduction of the
 * workers' gradient slots (how many workers a run gets: ./workerCount.ts). No tfjs, no threads: tested directly.
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
  return contiguous(Array.from({ length: workers }, (_, i) => base + (i < extra ? 1 : 0)), batchSize);
}

/** Shards of the given sizes laid end to end from image 0, each weighted by its share of `batchSize`. */
function contiguous(sizes: readonly number[], batchSize: number): Shard[] {
  let start = 0;
  return sizes.map((n) => {
    const shard = { start, end: start + n, scale: batchSize > 0 ? n / batchSize : 0 };
    start += n;
    return shard;
  });
}

/**
 * Shards sized so the replicas finish a step together (see ParallelStepper's `balance`): replica i, taking
 * `msPerImage[i]` per image plus `fixedMs[i]` of other work each step (the coordinator makes the next batch
 * while the others finish), gets n_i images with n_i x m_i + f_i the same for all, rounded by largest
 * remainder, at least half the equal share each. Contiguous and in replica order, as {@link shardRanges}; falls back
 * to it without a usable estimate for every replica or with fewer images than replicas.
 *
 * @example balancedShards(32, [2, 1]) // sizes 11 and 21: 22 ms against 21 ms
 */
export function balancedShards(batchSize: number, msPerImage: readonly number[], fixedMs: readonly number[] = []): Shard[] {
  const workers = msPerImage.length;
  if (workers === 0 || batchSize < workers || msPerImage.some((m) => !(m > 0) || !Number.isFinite(m))) return shardRanges(batchSize, workers);
  const rate = msPerImage.map((m) => 1 / m);
  const fixed = msPerImage.map((_, i) => Math.max(0, Number.isFinite(fixedMs[i]) ? fixedMs[i] : 0));
  // The common finishing time T: sum over i of (T - f_i) / m_i = batchSize.
  const finish = (batchSize + fixed.reduce((sum, f, i) => sum + f * rate[i], 0)) / rate.reduce((a, b) => a + b, 0);
  const exact = msPerImage.map((m, i) => Math.max(0, (finish - fixed[i]) / m));
  const sizes = exact.map((v) => Math.floor(v));
  let left = batchSize - sizes.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((v, i) => [v - Math.floor(v), i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % workers, left--) sizes[byRemainder[k][1]]++;
  // At least half the equal share each, taken from the largest shards: a replica with none would idle a
  // whole step, and BatchNorm normalises by its shard's statistics (a shard of one image after a Dense layer
  // has no variance).
  const least = Math.max(1, Math.floor(batchSize / workers / 2));
  for (let i = 0; i < workers; i++) {
    if (sizes[i] >= least) continue;
    left -= least - sizes[i];
    sizes[i] = least;
  }
  while (left < 0) {
    sizes[sizes.indexOf(Math.max(...sizes))]--;
    left++;
  }
  return contiguous(sizes, batchSize);
}

/**
 * Steps of shard timings a split decision looks back over (their medians), the fewest it decides on, and
 * the first steps of a run whose timings it leaves out (the replicas compile and warm their kernels).
 */
export const SPLIT_WINDOW = 8;
export const SPLIT_MIN_STEPS = 4;
export const SPLIT_WARMUP_STEPS = 3;
/**
 * How many times slower per image than the fastest a replica must be (medians over the last steps) before
 * the split follows the replicas' speed: at 2, two workers on an equal split are no faster than the faster
 * one alone. A core another program holds gets there; the machine's noise does not (per-image medians of
 * the First CNN's two replicas in Chromium on a shared 2-core machine: within 1.3-1.6 of each other). The
 * coordinator's other work (it makes the next batch: 4 ms a First CNN step in Chromium, a third of its shard)
 * is left out of this test, as it is there on every step: with it, the test crossed 2 on 5 of 125 splits of a
 * quiet run, each one a different result for the same seed.
 */
export const REBALANCE_RATIO = 2;

/**
 * A step's shards from the replicas' recent timings (medians over the last steps, as {@link balancedShards}
 * takes them): the equal split ({@link shardRanges}), unless one replica takes {@link REBALANCE_RATIO} times
 * the fastest's time per image or more; then {@link balancedShards}, `fixedMs` included. So a run on a quiet
 * machine keeps the equal split and repeats exactly with the same seed (the split decides BatchNorm's
 * per-shard statistics and the rounding), while a core another program slows for a while gets less of the
 * batch instead of holding every step up. Equal without a timing for every replica.
 *
 * @example chooseShards(32, [1, 1.5], [6, 0]) // equal
 * @example chooseShards(32, [1, 2.5]) // balanced: sizes 23 and 9
 */
export function chooseShards(batchSize: number, msPerImage: readonly number[], fixedMs: readonly number[] = []): Shard[] {
  if (msPerImage.some((m) => !(m > 0) || !Number.isFinite(m))) return shardRanges(batchSize, msPerImage.length);
  const slowdown = Math.max(...msPerImage) / Math.min(...msPerImage);
  return slowdown >= REBALANCE_RATIO ? balancedShards(batchSize, msPerImage, fixedMs) : shardRanges(batchSize, msPerImage.length);
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

/**
 * Writes `scale` x `values[0..size)` into `slot` from `offset` (a replica's share of one variable's gradient).
 * Its own small function rather than a loop inside the shard's step: V8 compiled that large function on stack
 * replacement for the loop and threw the code away on leaving it, several times a second on two replicas.
 *
 * @example scaleInto(slot, 2, Float32Array.of(1, 3), 2, 0.5) // slot[2] = 0.5, slot[3] = 1.5
 */
export function scaleInto(slot: Float32Array, offset: number, values: ArrayLike<number>, size: number, scale: number): void {
  for (let i = 0; i < size; i++) slot[offset + i] = values[i] * scale;
}
