/** Auto's worker count: the cores, and no more workers than the batch has work for. */
import { describe, expect, it } from 'vitest';
import { inferShapes } from '@/graph/shapes';
import { buildFirstCnn } from '@/graph/templates/firstCnn';
import { autoWorkers, chosenWorkers, defaultWorkerCount, MAX_WORKERS, MIN_SHARD_MACS } from '@/engine/parallel/workerCount';

describe('defaultWorkerCount', () => {
  it('uses every core of a 1- or 2-core machine and keeps one for the page from 3 cores up', () => {
    expect(defaultWorkerCount(1)).toBe(1);
    expect(defaultWorkerCount(2)).toBe(2);
    expect(defaultWorkerCount(3)).toBe(2);
    expect(defaultWorkerCount(8)).toBe(7);
    expect(defaultWorkerCount(64)).toBe(MAX_WORKERS);
  });

  it('honours a requested count, clamped to 1..MAX_WORKERS, and survives unknown core counts', () => {
    expect(defaultWorkerCount(8, 1)).toBe(1);
    expect(defaultWorkerCount(2, 4)).toBe(4);
    expect(defaultWorkerCount(2, 99)).toBe(MAX_WORKERS);
    expect(defaultWorkerCount(4, 0)).toBe(3);
    expect(defaultWorkerCount(NaN)).toBe(1);
    expect(defaultWorkerCount(Number.NaN, 2.7)).toBe(2);
  });
});

describe('autoWorkers: no more workers than the batch has work to share', () => {
  it('keeps every core the rule allows while each shard has MIN_SHARD_MACS or more', () => {
    // The reference CNN: 11.2 M multiply-adds an image, batch 32: 358 M, 179 M a shard on 2 workers.
    expect(autoWorkers(2, { macsPerImage: 11.2e6, batchSize: 32 })).toEqual({ workers: 2, why: null });
    // Exactly two shards' worth on 2 cores is enough.
    expect(autoWorkers(2, { macsPerImage: (2 * MIN_SHARD_MACS) / 16, batchSize: 16 }).workers).toBe(2);
    // 8 cores allow 7; 358 M holds 14 shards of 25 M.
    expect(autoWorkers(8, { macsPerImage: 11.2e6, batchSize: 32 }).workers).toBe(7);
  });

  it('takes fewer workers when a shard would hold less: floor(batch macs / MIN_SHARD_MACS), at least 1', () => {
    // 2.2 M x 16 = 35.2 M: one shard's worth (1.41) on 2 cores.
    const small = autoWorkers(2, { macsPerImage: 2.2e6, batchSize: 16 });
    expect(small.workers).toBe(1);
    expect(small.why).toBe(
      'Auto trains this graph on 1 worker of the 2 the cores allow: a batch of 16 is 35 M multiply-adds a forward pass, ' +
        'and a worker pays for itself from about 25 M of its own (a larger batch or graph gets more).',
    );
    // 3.3 M x 32 = 105.6 M on 8 cores (7 allowed): 4 shards of 26.4 M.
    const mid = autoWorkers(8, { macsPerImage: 3.3e6, batchSize: 32 });
    expect(mid.workers).toBe(4);
    expect(mid.why).toContain('on 4 workers of the 7 the cores allow: a batch of 32 is 106 M multiply-adds');
    // Just under two shards' worth is one worker.
    expect(autoWorkers(2, { macsPerImage: (2 * MIN_SHARD_MACS - 1) / 16, batchSize: 16 }).workers).toBe(1);
    // A tiny graph still trains, on one worker; its count reads in thousands (or units).
    expect(autoWorkers(16, { macsPerImage: 2800, batchSize: 8 }).why).toContain('a batch of 8 is 22 k multiply-adds');
    expect(autoWorkers(16, { macsPerImage: 100, batchSize: 1 }).why).toContain('a batch of 1 is 100 multiply-adds');
    expect(autoWorkers(2, { macsPerImage: 1.5e9, batchSize: 1 }).why).toBeNull();
  });

  it('says nothing on one core, and ignores work it cannot read', () => {
    expect(autoWorkers(1, { macsPerImage: 1e3, batchSize: 4 })).toEqual({ workers: 1, why: null });
    expect(autoWorkers(4, { macsPerImage: Number.NaN, batchSize: 16 })).toEqual({ workers: 3, why: null });
    expect(autoWorkers(4, { macsPerImage: 0, batchSize: 16 })).toEqual({ workers: 3, why: null });
    expect(autoWorkers(4, { macsPerImage: 1e9, batchSize: 0 })).toEqual({ workers: 3, why: null });
  });

  it('gives the First CNN template one worker on 2 cores, as measured (its 2-worker shard gained nothing)', () => {
    const doc = buildFirstCnn();
    const { macs } = inferShapes(doc, doc.task).totals;
    expect(doc.training.batchSize).toBe(16);
    expect(defaultWorkerCount(2, undefined, { macsPerImage: macs, batchSize: doc.training.batchSize })).toBe(1);
    // Doubling the batch gives each of 2 shards its 25 M.
    expect(defaultWorkerCount(2, undefined, { macsPerImage: macs, batchSize: 32 })).toBe(2);
    // The user's count still wins.
    expect(defaultWorkerCount(2, 2, { macsPerImage: macs, batchSize: 16 })).toBe(2);
  });
});

describe('chosenWorkers', () => {
  it("reads the user's count (whole, clamped to MAX_WORKERS) and null for Auto", () => {
    expect(chosenWorkers(2.7)).toBe(2);
    expect(chosenWorkers(99)).toBe(MAX_WORKERS);
    expect([undefined, null, 0, -1, Number.NaN, Number.POSITIVE_INFINITY].map(chosenWorkers)).toEqual([null, null, null, null, null, null]);
  });
});
