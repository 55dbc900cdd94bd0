/**
 * Where a data-parallel step's helper shards travel: shared memory per helper, written by the coordinator,
 * read by the helper (./stepper.ts). Pure layout arithmetic, tested directly.
 */

/**
 * Shared memory a helper's shards arrive in, instead of a fresh copy of its images in every step's message:
 * those copies were the largest garbage of a step, and a garbage collection stalls the replica every other
 * one waits for. Two halves of `images` images each (x then y), used by odd and even steps: step s is
 * written while the helper may still read step s - 1's half; step s - 2's it has read before that step's
 * update, which the coordinator waited for.
 */
export interface ShardInbox {
  shared: SharedArrayBuffer;
  /** Images (with their targets) each half holds. */
  images: number;
}

/** `inbox` if it holds `n` images, else a new one with room for half as many again (at most the batch). */
export function shardInbox(inbox: ShardInbox | null, n: number, batchSize: number, xPer: number, yPer: number): ShardInbox {
  if (inbox && inbox.images >= n && inbox.shared.byteLength === 2 * inbox.images * (xPer + yPer) * 4) return inbox;
  const images = Math.max(1, Math.min(Math.max(n, batchSize), Math.ceil(n * 1.5)));
  return { shared: new SharedArrayBuffer(2 * images * (xPer + yPer) * 4), images };
}

/** The views of half `half` of an inbox for a shard of `n` images. */
export function inboxViews(inbox: ShardInbox, half: number, n: number, xPer: number, yPer: number): { x: Float32Array; y: Float32Array } {
  const base = half * inbox.images * (xPer + yPer) * 4;
  return {
    x: new Float32Array(inbox.shared, base, n * xPer),
    y: new Float32Array(inbox.shared, base + inbox.images * xPer * 4, n * yPer),
  };
}
