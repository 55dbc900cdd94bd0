/**
 * Where a data-parallel step's helper shards travel: shared memory per helper, written by the coordinator,
 * read by the helper (./stepper.ts, ./helper.ts). Pure layout arithmetic and atomics, tested directly.
 *
 * Layout: a 128-byte header (one 64-byte step control per half), then two halves of `images` images each,
 * x then y, then (for shards that travel as sources, below) each image's drawn changes, source bytes and mask
 * bytes. Odd and even steps use the two halves: step s is written while the helper may still read step
 * s - 1's half; step s - 2's it has read before that step's update, which the coordinator waited for.
 *
 * A shard travels as floats (x and y written by the coordinator: the benchmarks' fixed batches) or as
 * sources (a training batch planned but not rendered: its images' uint8 bytes and masks, and each image's
 * drawn augmentation, from which the helper renders x and y in place; ./shardSources.ts). Rendering is most
 * of a batch's making, so each replica then makes its own shard instead of the coordinator making them all.
 *
 * A step's control is published last (its step number, with Atomics.store), so a helper that sees the
 * number sees the shard and its parameters: a helper that finishes a step picks up the next one from here
 * at once, without waiting for its event loop to deliver the step's message (about a millisecond a step in
 * Chromium, on steps of 10-40 ms). The message still comes, to wake an idle helper.
 */

import type { RenderSpec } from '../datasets/batches';

/** A helper's inbox: its shared memory and the layout the coordinator wrote it with. */
export interface ShardInbox {
  shared: SharedArrayBuffer;
  /** Images (with their targets) each half holds. */
  images: number;
  /** Floats of one image, and of its targets. */
  xPer: number;
  yPer: number;
  /** Source bytes of one image and of its mask (0 and 0: shards travel as floats only). */
  imageBytes: number;
  maskBytes: number;
}

/** Float64 words of one image's drawn changes and label in a half (./shardSources.ts writes and reads them). */
export const PLAN_WORDS = 11;

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
  /** Present when the shard travels as sources: how the helper renders them into x and y. */
  render?: RenderSpec;
}

const HEADER_BYTES = 128;
const CONTROL_BYTES = 64;

const align8 = (n: number) => Math.ceil(n / 8) * 8;

/** Byte offsets within a half: x, y, the drawn changes, source bytes, mask bytes; and the half's size. */
function halfLayout(inbox: Omit<ShardInbox, 'shared'>) {
  const { images, xPer, yPer, imageBytes, maskBytes } = inbox;
  const y = images * xPer * 4;
  const plans = align8(y + images * yPer * 4);
  const sources = imageBytes > 0 ? plans + images * PLAN_WORDS * 8 : plans;
  const masks = sources + images * imageBytes;
  return { x: 0, y, plans, sources, masks, size: align8(masks + images * maskBytes) };
}

/**
 * Shared memory for a helper's shards, instead of a fresh copy of its images in every step's message (those
 * copies were the largest garbage of a step, and a garbage collection stalls the replica every other one
 * waits for): `inbox` if it holds `n` images of this layout, else a new one with room for half as many
 * again (at most the batch).
 */
export function shardInbox(
  inbox: ShardInbox | null,
  n: number,
  batchSize: number,
  xPer: number,
  yPer: number,
  sources: { imageBytes: number; maskBytes: number } = { imageBytes: 0, maskBytes: 0 },
): ShardInbox {
  const { imageBytes, maskBytes } = sources;
  if (inbox && inbox.images >= n && inbox.xPer === xPer && inbox.yPer === yPer && inbox.imageBytes === imageBytes && inbox.maskBytes === maskBytes) return inbox;
  const images = Math.max(1, Math.min(Math.max(n, batchSize), Math.ceil(n * 1.5)));
  const layout = { images, xPer, yPer, imageBytes, maskBytes };
  return { shared: new SharedArrayBuffer(HEADER_BYTES + 2 * halfLayout(layout).size), ...layout };
}

/** What half `half` holds for a shard of `n` images. */
export interface InboxViews {
  x: Float32Array;
  y: Float32Array;
  /** PLAN_WORDS per image (empty when the inbox has no room for sources), then its source and mask bytes. */
  plans: Float64Array;
  images: Uint8Array;
  masks: Uint8Array;
}

/** The views of half `half` for a shard of `n` images. */
export function inboxViews(inbox: ShardInbox, half: number, n: number): InboxViews {
  const at = halfLayout(inbox);
  const base = HEADER_BYTES + half * at.size;
  const sources = inbox.imageBytes > 0;
  return {
    x: new Float32Array(inbox.shared, base + at.x, n * inbox.xPer),
    y: new Float32Array(inbox.shared, base + at.y, n * inbox.yPer),
    plans: new Float64Array(inbox.shared, base + at.plans, sources ? n * PLAN_WORDS : 0),
    images: new Uint8Array(inbox.shared, base + at.sources, n * inbox.imageBytes),
    masks: new Uint8Array(inbox.shared, base + at.masks, n * inbox.maskBytes),
  };
}

/**
 * Int32 words [step, bank, n, keepPredictions, render flags, yChannels, width, height] and Float64 [scale,
 * learningRate] of a half's control. Render flags: 1 = the shard travels as sources, 2 = segmentation,
 * 4 = binary masks, 8 = nearest sampling.
 */
function control(inbox: ShardInbox, half: number): { ints: Int32Array; floats: Float64Array } {
  return {
    ints: new Int32Array(inbox.shared, half * CONTROL_BYTES, 8),
    floats: new Float64Array(inbox.shared, half * CONTROL_BYTES + 32, 2),
  };
}

/** Writes `shard`'s parameters into its half's control, its step number last. Its x and y must be written. */
export function publishShard(inbox: ShardInbox, shard: PostedShard): void {
  const { ints, floats } = control(inbox, shard.step % 2);
  ints[1] = shard.bank;
  ints[2] = shard.n;
  ints[3] = shard.keepPredictions ? 1 : 0;
  const r = shard.render;
  ints[4] = r ? 1 | (r.segmentation ? 2 : 0) | (r.binary ? 4 : 0) | (r.nearest ? 8 : 0) : 0;
  ints[5] = r?.yChannels ?? 0;
  ints[6] = r?.width ?? 0;
  ints[7] = r?.height ?? 0;
  floats[0] = shard.scale;
  floats[1] = shard.learningRate ?? NaN;
  Atomics.store(ints, 0, shard.step);
}

/** Step `step`'s shard when it is published in this inbox, else null (not yet, or in a newer inbox). */
export function postedShard(inbox: ShardInbox, step: number): PostedShard | null {
  const { ints, floats } = control(inbox, step % 2);
  if (Atomics.load(ints, 0) !== step) return null;
  const learningRate = floats[1];
  const flags = ints[4];
  const [width, height] = [ints[6], ints[7]];
  const render: RenderSpec | undefined = flags & 1
    ? { height, width, channels: inbox.xPer / (width * height), segmentation: (flags & 2) !== 0, binary: (flags & 4) !== 0, yChannels: ints[5], nearest: (flags & 8) !== 0 }
    : undefined;
  return {
    step,
    bank: ints[1],
    n: ints[2],
    keepPredictions: ints[3] === 1,
    scale: floats[0],
    ...(Number.isNaN(learningRate) ? {} : { learningRate }),
    ...(render ? { render } : {}),
  };
}
