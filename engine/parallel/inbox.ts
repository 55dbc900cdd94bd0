/**
 * Where a data-parallel step's helper shards travel: shared memory per helper, written by the coordinator,
 * read by the helper (./stepper.ts, ./helper.ts). Pure layout arithmetic and atomics, tested directly.
 *
 * Layout: a 64-byte header (one 32-byte step control per half), then two halves of `images` images each,
 * x then y. Odd and even steps use the two halves: step s is written while the helper may still read step
 * s - 1's half; step s - 2's it has read before that step's update, which the coordinator waited for.
 *
 * A step's control is published last (its step number, with Atomics.store), so a helper that sees the
 * number sees the shard and its parameters: a helper that finishes a step picks up the next one from here
 * at once, without waiting for its event loop to deliver the step's message (about a millisecond a step in
 * Chromium, on steps of 10-40 ms). The message still comes, to wake an idle helper.
 */

/** A helper's inbox: its shared memory and the layout the coordinator wrote it with. */
export interface ShardInbox {
  shared: SharedArrayBuffer;
  /** Images (with their targets) each half holds. */
  images: number;
  /** Floats of one image, and of its targets. */
  xPer: number;
  yPer: number;
}

/** A step's shard as the helper needs it. */
export interface PostedShard {
  step: number;
  /** Bank of gradient slots this step writes into. */
  bank: number;
  n: number;
  /** n / batch size: the shard's weight in the batch mean. */
  scale: number;
  keepPredictions: boolean;
  /** The step's learning rate, when the coordinator set one. */
  learningRate?: number;
}

const HEADER_BYTES = 64;
const CONTROL_BYTES = 32;

function bytes(images: number, xPer: number, yPer: number): number {
  return HEADER_BYTES + 2 * images * (xPer + yPer) * 4;
}

/**
 * Shared memory for a helper's shards, instead of a fresh copy of its images in every step's message (those
 * copies were the largest garbage of a step, and a garbage collection stalls the replica every other one
 * waits for): `inbox` if it holds `n` images of this layout, else a new one with room for half as many
 * again (at most the batch).
 */
export function shardInbox(inbox: ShardInbox | null, n: number, batchSize: number, xPer: number, yPer: number): ShardInbox {
  if (inbox && inbox.images >= n && inbox.xPer === xPer && inbox.yPer === yPer) return inbox;
  const images = Math.max(1, Math.min(Math.max(n, batchSize), Math.ceil(n * 1.5)));
  return { shared: new SharedArrayBuffer(bytes(images, xPer, yPer)), images, xPer, yPer };
}

/** The x and y views of half `half` for a shard of `n` images. */
export function inboxViews(inbox: ShardInbox, half: number, n: number): { x: Float32Array; y: Float32Array } {
  const { images, xPer, yPer } = inbox;
  const base = HEADER_BYTES + half * images * (xPer + yPer) * 4;
  return {
    x: new Float32Array(inbox.shared, base, n * xPer),
    y: new Float32Array(inbox.shared, base + images * xPer * 4, n * yPer),
  };
}

/** Int32 words [step, bank, n, keepPredictions] and Float64 [scale, learningRate] of a half's control. */
function control(inbox: ShardInbox, half: number): { ints: Int32Array; floats: Float64Array } {
  return {
    ints: new Int32Array(inbox.shared, half * CONTROL_BYTES, 4),
    floats: new Float64Array(inbox.shared, half * CONTROL_BYTES + 16, 2),
  };
}

/** Writes `shard`'s parameters into its half's control, its step number last. Its x and y must be written. */
export function publishShard(inbox: ShardInbox, shard: PostedShard): void {
  const { ints, floats } = control(inbox, shard.step % 2);
  ints[1] = shard.bank;
  ints[2] = shard.n;
  ints[3] = shard.keepPredictions ? 1 : 0;
  floats[0] = shard.scale;
  floats[1] = shard.learningRate ?? NaN;
  Atomics.store(ints, 0, shard.step);
}

/** Step `step`'s shard when it is published in this inbox, else null (not yet, or in a newer inbox). */
export function postedShard(inbox: ShardInbox, step: number): PostedShard | null {
  const { ints, floats } = control(inbox, step % 2);
  if (Atomics.load(ints, 0) !== step) return null;
  const learningRate = floats[1];
  return { step, bank: ints[1], n: ints[2], keepPredictions: ints[3] === 1, scale: floats[0], ...(Number.isNaN(learningRate) ? {} : { learningRate }) };
}
