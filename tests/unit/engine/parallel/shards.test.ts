/** The pure arithmetic of data-parallel training: shards and the slot sum (the worker count: workerCount.test.ts). */
import { describe, expect, it } from 'vitest';
import { balancedShards, chooseShards, REBALANCE_RATIO, shardRanges, scaleInto, sumSlots } from '@/engine/parallel/shards';

describe('shardRanges', () => {
  it('cuts a batch into contiguous shards differing by at most one, larger first, weighted by their share', () => {
    expect(shardRanges(32, 2)).toEqual([
      { start: 0, end: 16, scale: 0.5 },
      { start: 16, end: 32, scale: 0.5 },
    ]);
    expect(shardRanges(5, 2)).toEqual([
      { start: 0, end: 3, scale: 0.6 },
      { start: 3, end: 5, scale: 0.4 },
    ]);
    expect(shardRanges(7, 3).map((s) => s.end - s.start)).toEqual([3, 2, 2]);
  });

  it('leaves the last workers an empty shard (scale 0) when the batch is smaller than the worker count', () => {
    expect(shardRanges(1, 3)).toEqual([
      { start: 0, end: 1, scale: 1 },
      { start: 1, end: 1, scale: 0 },
      { start: 1, end: 1, scale: 0 },
    ]);
  });

  it('shares always add up to one batch', () => {
    for (const [b, w] of [[33, 4], [8, 8], [100, 7]]) {
      const shards = shardRanges(b, w);
      expect(shards.at(-1)?.end).toBe(b);
      expect(shards.reduce((s, x) => s + x.scale, 0)).toBeCloseTo(1, 12);
    }
  });
});

describe('balancedShards', () => {
  const sizes = (shards: { start: number; end: number }[]) => shards.map((s) => s.end - s.start);

  it('gives each replica images in proportion to its speed, so all finish together', () => {
    // 2 ms and 1 ms an image: 10.67 and 21.33 ideally; 11 and 21 finish at 22 and 21 ms.
    expect(sizes(balancedShards(32, [2, 1]))).toEqual([11, 21]);
    expect(sizes(balancedShards(32, [1, 1]))).toEqual([16, 16]);
    // 16.4, 8.2, 5.5: largest remainders.
    expect(sizes(balancedShards(30, [1, 2, 3]))).toEqual([16, 8, 6]);
  });

  it('takes the coordinator\'s other work into account: 6 ms of it is 6 images at 1 ms each', () => {
    // T = (32 + 6) / 2 = 19: the coordinator 13 images + 6 ms, the helper 19.
    expect(sizes(balancedShards(32, [1, 1], [6, 0]))).toEqual([13, 19]);
  });

  it('keeps shards contiguous, in order, weighted by share, at least half the equal share each', () => {
    const shards = balancedShards(8, [100, 1, 1]);
    expect(sizes(shards)).toEqual([1, 3, 4]);
    expect(shards.map((s) => s.start)).toEqual([0, 1, 4]);
    expect(shards.reduce((sum, s) => sum + s.scale, 0)).toBeCloseTo(1, 12);
    expect(shards[2].scale).toBe(0.5);
    expect(sizes(balancedShards(16, [1, 1], [100, 0]))).toEqual([4, 12]);
    expect(sizes(balancedShards(32, [10, 1]))).toEqual([8, 24]);
  });

  it('falls back to the equal split until every replica is measured, and with fewer images than replicas', () => {
    expect(balancedShards(10, [NaN, 1])).toEqual(shardRanges(10, 2));
    expect(balancedShards(10, [0, 1])).toEqual(shardRanges(10, 2));
    expect(balancedShards(1, [1, 2])).toEqual(shardRanges(1, 2));
  });
});

describe('chooseShards', () => {
  const sizes = (shards: { start: number; end: number }[]) => shards.map((s) => s.end - s.start);

  it('keeps the equal split while no replica is REBALANCE_RATIO times slower per image than the fastest', () => {
    expect(REBALANCE_RATIO).toBe(2);
    expect(chooseShards(32, [1, 1.9])).toEqual(shardRanges(32, 2));
    // balancedShards would move 5 images.
    expect(sizes(balancedShards(32, [1, 1.9]))).toEqual([21, 11]);
    // The coordinator's other work is there every step: it alone moves nothing.
    expect(chooseShards(32, [1, 1], [20, 0])).toEqual(shardRanges(32, 2));
    expect(chooseShards(5, [1.3, 1], [4, 0])).toEqual(shardRanges(5, 2));
    expect(chooseShards(7, [1, 1, 1.5])).toEqual(shardRanges(7, 3));
  });

  it('follows the replicas\' speed (other work included) once one is REBALANCE_RATIO times slower per image', () => {
    expect(chooseShards(32, [1, 2])).toEqual(balancedShards(32, [1, 2]));
    expect(sizes(chooseShards(32, [1, 2.5]))).toEqual([23, 9]);
    expect(chooseShards(32, [1, 2.5], [6, 0])).toEqual(balancedShards(32, [1, 2.5], [6, 0]));
    expect(chooseShards(32, [1, 1.2, 3])).toEqual(balancedShards(32, [1, 1.2, 3]));
  });

  it('stays equal without a timing for every replica', () => {
    expect(chooseShards(32, [NaN, 3])).toEqual(shardRanges(32, 2));
    expect(chooseShards(32, [0, 3])).toEqual(shardRanges(32, 2));
  });
});

describe('sumSlots', () => {
  it('adds slot after slot into out (slot 0 first)', () => {
    const bank = new Float32Array([1, 2, 3, 10, 20, 30, 100, 200, 300]);
    expect([...sumSlots(bank, 3, 3, new Float32Array(3))]).toEqual([111, 222, 333]);
    expect([...sumSlots(bank, 1, 3, new Float32Array(3))]).toEqual([1, 2, 3]);
  });
});

describe('scaleInto', () => {
  it('writes share x values at the offset and leaves the rest of the slot alone', () => {
    const slot = Float32Array.of(9, 9, 9, 9, 9);
    scaleInto(slot, 1, Float32Array.of(2, -4, 6, 100), 3, 0.25);
    // 0.25 x [2, -4, 6]; the fourth value is past `size` and slot[0], slot[4] keep their 9.
    expect([...slot]).toEqual([9, 0.5, -1, 1.5, 9]);
  });
});
