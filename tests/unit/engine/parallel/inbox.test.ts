/**
 * The helpers' shard inboxes: the halves never overlap, an inbox grows only when a shard outgrows it, and a
 * step's control is seen only once published, in its own half.
 */
import { describe, expect, it } from 'vitest';
import { inboxViews, postedShard, publishShard, shardInbox } from '@/engine/parallel/inbox';

describe('shardInbox', () => {
  it('makes room for half as many images again as the first shard, at most the batch', () => {
    // 16 of a batch of 32: 24 per half; x 12 floats and y 2 per image -> 128 header bytes + 2 x 24 x 14 x 4.
    const inbox = shardInbox(null, 16, 32, 12, 2);
    expect(inbox.images).toBe(24);
    expect(inbox.shared.byteLength).toBe(128 + 2 * 24 * 14 * 4);
    expect(shardInbox(null, 30, 32, 12, 2).images).toBe(32);
    expect(shardInbox(null, 0, 32, 12, 2).images).toBe(1);
  });

  it('keeps an inbox that holds the shard, and replaces one that does not or has another layout', () => {
    const inbox = shardInbox(null, 16, 32, 12, 2);
    expect(shardInbox(inbox, 24, 32, 12, 2)).toBe(inbox);
    expect(shardInbox(inbox, 25, 32, 12, 2)).not.toBe(inbox);
    expect(shardInbox(inbox, 16, 32, 12, 3)).not.toBe(inbox);
    expect(shardInbox(inbox, 16, 32, 12, 2, { imageBytes: 12, maskBytes: 0 })).not.toBe(inbox);
  });

  it('adds room for sources: 11 float64 words, the source bytes and the mask bytes per image', () => {
    // 6 images a half: x 3 and y 2 floats (120 bytes), then 6 x 11 x 8 plan bytes, 6 x 3 source and 6 x 1 mask bytes.
    const inbox = shardInbox(null, 4, 8, 3, 2, { imageBytes: 3, maskBytes: 1 });
    expect(inbox.shared.byteLength).toBe(128 + 2 * (120 + 528 + 24));
  });
});

describe('inboxViews', () => {
  it('lays x then y in each half after the header; the halves do not overlap', () => {
    const inbox = shardInbox(null, 4, 8, 3, 2); // 6 images a half
    const a = inboxViews(inbox, 0, 5);
    const b = inboxViews(inbox, 1, 6);
    expect([a.x.length, a.y.length, b.x.length, b.y.length]).toEqual([15, 10, 18, 12]);
    a.x.fill(1);
    a.y.fill(2);
    b.x.fill(3);
    b.y.fill(4);
    // Every float belongs to at most one view: nothing written was overwritten.
    expect([...a.x].every((v) => v === 1) && [...a.y].every((v) => v === 2)).toBe(true);
    expect([...b.x].every((v) => v === 3) && [...b.y].every((v) => v === 4)).toBe(true);
    expect(a.x.byteOffset).toBe(128);
    expect(a.y.byteOffset).toBe(128 + 6 * 3 * 4);
    expect(b.x.byteOffset).toBe(128 + 6 * (3 + 2) * 4);
    expect([a.plans.length, a.images.length, a.masks.length]).toEqual([0, 0, 0]);
  });

  it('keeps the sources of the two halves apart from each other and from x and y', () => {
    const inbox = shardInbox(null, 5, 5, 7, 3, { imageBytes: 7, maskBytes: 2 }); // 5 images a half; 140 + 60 float bytes
    const halves = [inboxViews(inbox, 0, 5), inboxViews(inbox, 1, 5)];
    halves.forEach((v, h) => {
      v.x.fill(1 + h);
      v.y.fill(3 + h);
      v.plans.fill(5 + h);
      v.images.fill(7 + h);
      v.masks.fill(9 + h);
    });
    halves.forEach((v, h) => {
      expect([v.x, v.y, v.plans, v.images, v.masks].map((a) => a.length)).toEqual([35, 15, 55, 35, 10]);
      expect([v.x, v.y, v.plans, v.images, v.masks].map((a) => [...new Set(a)])).toEqual([[1 + h], [3 + h], [5 + h], [7 + h], [9 + h]]);
      expect(v.plans.byteOffset % 8).toBe(0);
    });
  });
});

describe('publishShard and postedShard', () => {
  it('gives back what was published, only for that step, each half its own', () => {
    const inbox = shardInbox(null, 4, 8, 3, 2);
    expect(postedShard(inbox, 1)).toBeNull();
    publishShard(inbox, { step: 1, bank: 0, n: 3, scale: 0.375, keepPredictions: true, learningRate: 0.002 });
    publishShard(inbox, { step: 2, bank: 1, n: 5, scale: 0.625, keepPredictions: false });
    expect(postedShard(inbox, 1)).toEqual({ step: 1, bank: 0, n: 3, scale: 0.375, keepPredictions: true, learningRate: 0.002 });
    expect(postedShard(inbox, 2)).toEqual({ step: 2, bank: 1, n: 5, scale: 0.625, keepPredictions: false });
    // Step 3 shares step 1's half: not published until written over it.
    expect(postedShard(inbox, 3)).toBeNull();
    publishShard(inbox, { step: 3, bank: 0, n: 4, scale: 0.5, keepPredictions: false });
    expect(postedShard(inbox, 3)?.n).toBe(4);
    expect(postedShard(inbox, 1)).toBeNull();
    // The control lives in the header: the data halves stay as written.
    const { x } = inboxViews(inbox, 1, 6);
    x.fill(7);
    expect(postedShard(inbox, 2)?.scale).toBe(0.625);
  });

  it('carries how a shard that travels as sources is rendered', () => {
    const inbox = shardInbox(null, 4, 8, 12, 8, { imageBytes: 12, maskBytes: 4 });
    const render = { height: 2, width: 2, channels: 3, segmentation: true, binary: false, yChannels: 2, nearest: true };
    publishShard(inbox, { step: 1, bank: 0, n: 3, scale: 0.375, keepPredictions: true, render });
    expect(postedShard(inbox, 1)).toEqual({ step: 1, bank: 0, n: 3, scale: 0.375, keepPredictions: true, render });
    publishShard(inbox, { step: 2, bank: 1, n: 3, scale: 0.375, keepPredictions: true });
    expect(postedShard(inbox, 2)?.render).toBeUndefined();
  });
});
