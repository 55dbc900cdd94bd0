import { describe, expect, it } from 'vitest';
import { MAX_SAVED_BATCHES, MAX_SAVED_RUNS, readRuns, RUNS_KEY, writeRuns, type RunStorage } from '@/components/store/training/runHistory';
import { GENERATED_DATASET, type RunRecord } from '@/components/store/training/runs';
import { buildFirstCnn } from '@/graph/templates/firstCnn';

/** A Map-backed Storage; `limit` characters make setItem throw like a full quota. */
function memoryStorage(limit = Infinity): RunStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => {
      if (v.length > limit) throw new Error('QuotaExceededError');
      map.set(k, v);
    },
  };
}

function run(n: number, batches = 3): RunRecord {
  const doc = buildFirstCnn();
  return {
    id: `r${n}`,
    number: n,
    name: `run ${n}`,
    startedAt: 1_700_000_000_000 + n,
    taskId: 'skin-lesions',
    dataset: GENERATED_DATASET,
    lesson: null,
    kind: 'classification',
    classNames: ['akiec', 'bcc', 'bkl', 'df', 'mel', 'nv', 'vasc'],
    settings: doc.training,
    doc,
    backend: 'wasm',
    params: 132799,
    splits: { train: 10, validation: 3, test: 3 },
    batchesPerEpoch: batches,
    batches: Array.from({ length: batches }, (_, i) => ({ x: (i + 1) / batches, loss: i === 1 ? null : 2 - i / batches })),
    epochs: [{ epoch: 1, trainLoss: 1.9, valLoss: 1.8, accuracy: 0.5, balancedAccuracy: 0.2, baselineAccuracy: 0.67, meanDice: null, dicePerClass: null, trainAccuracy: 0.4, imagesPerSecond: 50, seconds: 2 }],
    validation: { loss: 1.8, images: 3, metrics: { kind: 'classification', confusion: [[1, 0], [1, 1]] } },
    test: null,
    status: 'running',
    error: null,
    seconds: null,
    visible: true,
  };
}

describe('run history', () => {
  it('keeps what a run was made with (imported data, lesson), and loads runs saved before runs recorded it', () => {
    const s = memoryStorage();
    const imported = { source: 'imported' as const, key: 'imported:ham10000:10:0badcafe', label: 'ham10000 import, 10 images' };
    writeRuns(s, [{ ...run(1), dataset: imported, lesson: 'Your first CNN: skin lesions' }]);
    expect(readRuns(s)[0].dataset).toEqual(imported);
    expect(readRuns(s)[0].lesson).toBe('Your first CNN: skin lesions');
    // An older save: no dataset, no lesson field at all.
    const { dataset: _d, lesson: _l, ...old } = run(2);
    s.setItem(RUNS_KEY, JSON.stringify([old]));
    const back = readRuns(s);
    expect(back).toHaveLength(1);
    expect(back[0].dataset).toEqual(GENERATED_DATASET);
    expect(back[0].lesson).toBeNull();
  });

  it('round-trips runs; a run still going is saved as stopped', () => {
    const s = memoryStorage();
    expect(writeRuns(s, [run(1), run(2)])).toBe(2);
    const back = readRuns(s);
    expect(back.map((r) => r.number)).toEqual([1, 2]);
    expect(back[0].status).toBe('stopped');
    expect(back[0].batches[1].loss).toBeNull();
    expect(back[0].doc.nodes).toHaveLength(run(1).doc.nodes.length);
  });

  it(`keeps the newest ${MAX_SAVED_RUNS} runs, each with at most ${MAX_SAVED_BATCHES} batch points`, () => {
    const s = memoryStorage();
    writeRuns(s, Array.from({ length: MAX_SAVED_RUNS + 3 }, (_, i) => run(i + 1, 1000)));
    const back = readRuns(s);
    expect(back.map((r) => r.number)).toEqual(Array.from({ length: MAX_SAVED_RUNS }, (_, i) => i + 4));
    expect(back[0].batches).toHaveLength(MAX_SAVED_BATCHES);
    expect(back[0].batches.at(-1)?.x).toBe(1); // the last point is kept
  });

  it('drops older runs when the quota is full', () => {
    const one = JSON.stringify([run(1)]).length;
    const s = memoryStorage(one * 2.5);
    expect(writeRuns(s, [run(1), run(2), run(3), run(4)])).toBe(2);
    expect(readRuns(s).map((r) => r.number)).toEqual([3, 4]);
  });

  it.each([
    ['not JSON', '{oops'],
    ['not a list', '{"a": 1}'],
  ])('reads nothing from %s', (_, text) => {
    const s = memoryStorage();
    s.map.set(RUNS_KEY, text);
    expect(readRuns(s)).toEqual([]);
  });

  it('skips a damaged run and keeps the others', () => {
    const s = memoryStorage();
    const bad = { ...run(2), epochs: 'many' };
    const badDoc = { ...run(3), doc: { format: 'nope' } };
    s.map.set(RUNS_KEY, JSON.stringify([run(1), bad, badDoc, run(4)]));
    expect(readRuns(s).map((r) => r.number)).toEqual([1, 4]);
  });

  it('works without storage', () => {
    expect(readRuns(null)).toEqual([]);
    expect(writeRuns(null, [run(1)])).toBe(0);
  });
});
