/** When the charts redraw while a run trains (components/training/chartThrottle.ts). */
import { describe, expect, it } from 'vitest';
import { CHART_BATCH_INTERVAL_MS, chartDelay, chartsNeedNow, sameEpochs, sameRuns } from '@/components/training/chartThrottle';
import { GENERATED_DATASET, type EpochPoint, type RunRecord } from '@/components/store/training/runs';
import { buildFirstCnn } from '@/graph/templates/firstCnn';

const doc = buildFirstCnn();
const epoch = (n: number) => ({ epoch: n, trainLoss: 1, valLoss: 1, accuracy: 0.5, balancedAccuracy: 0.5, baselineAccuracy: 0.6, meanDice: null, dicePerClass: null, trainAccuracy: 0.5, imagesPerSecond: 100, seconds: 1 }) as EpochPoint;

function run(id: string, patch: Partial<RunRecord> = {}): RunRecord {
  return {
    id, number: 1, name: 'First CNN', startedAt: 0, taskId: 'skin-lesions', dataset: GENERATED_DATASET, lesson: null, kind: 'classification',
    classNames: ['a', 'b'], settings: doc.training, doc, backend: 'wasm', params: 10, splits: { train: 10, validation: 4, test: 4 },
    batchesPerEpoch: 5, batches: [{ x: 0.2, loss: 2 }], epochs: [], validation: null, test: null, status: 'running', error: null, seconds: null, visible: true,
    ...patch,
  };
}

/** The store's reducer on a batch event: a new run record with one more point, the rest shared. */
const withBatch = (r: RunRecord): RunRecord => ({ ...r, batches: [...r.batches, { x: r.batches.length / 5, loss: 1 }] });

describe('chart throttle', () => {
  const a = run('r1');
  const shown = [a];

  it('holds new batch points for what is left of the interval, and shows them once it has passed', () => {
    const next = [withBatch(a)];
    expect(chartsNeedNow(shown, next)).toBe(false);
    expect(chartDelay(shown, next, 100)).toBe(CHART_BATCH_INTERVAL_MS - 100);
    expect(chartDelay(shown, next, CHART_BATCH_INTERVAL_MS + 1)).toBe(0);
  });

  it('shows an epoch, a new run, a status change, a hidden run or a replaced run at once', () => {
    for (const next of [
      [{ ...withBatch(a), epochs: [epoch(1)] }],
      [a, run('r2')],
      [{ ...a, status: 'completed' as const }],
      [{ ...a, visible: false }],
      [{ ...a, batches: [] }],
      [run('r3')],
    ]) {
      expect(chartsNeedNow(shown, next)).toBe(true);
      expect(chartDelay(shown, next, 0)).toBe(0);
    }
  });

  it('treats a new array of the same records as no change (the panel filters its runs on every render)', () => {
    expect(sameRuns(shown, [a])).toBe(true);
    expect(sameRuns(shown, [withBatch(a)])).toBe(false);
    expect(chartDelay(shown, [a], 0)).toBe(0);
  });

  it('lets the accuracy chart skip new batch points, and only them', () => {
    expect(sameEpochs(shown, [withBatch(withBatch(a))])).toBe(true);
    expect(sameEpochs(shown, [{ ...a, epochs: [epoch(1)] }])).toBe(false);
    expect(sameEpochs(shown, [{ ...a, validation: { images: 4, metrics: { kind: 'classification', confusion: [[2, 0], [1, 1]] } } as never }])).toBe(false);
    expect(sameEpochs(shown, [{ ...a, visible: false }])).toBe(false);
    expect(sameEpochs(shown, [{ ...a, status: 'completed' }])).toBe(false); // a no-validation note words itself by it
    expect(sameEpochs(shown, [{ ...a, number: 2 }])).toBe(false); // its colour
    expect(sameEpochs(shown, [a, run('r2')])).toBe(false);
  });
});
