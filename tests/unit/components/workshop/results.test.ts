import { describe, expect, it } from 'vitest';
import { GENERATED_DATASET, type RunRecord } from '@/components/store/training/runs';
import { layerLine, pickRun, resultsSummary } from '@/components/workshop/results';
import { type CardContext, drawResultsCard } from '@/components/workshop/resultsCard';
import { defaultGoal, editableOptions, goalMetricsFor, makeLesson } from '@/components/workshop/lockOptions';
import { buildFirstCnnLesson } from '@/graph/lessons/firstCnn';
import { buildFirstCnn } from '@/graph/templates/firstCnn';
import { buildUnet } from '@/graph/templates/unet';
import { epochPoint } from './epochPoint';

const epoch = epochPoint;

const LESSON = buildFirstCnnLesson().title;

function run(number: number, bas: number[], taskId = 'skin-lesions', lesson: string | null = LESSON): RunRecord {
  const doc = buildFirstCnn();
  return {
    id: `r${number}`,
    number,
    name: `run ${number}`,
    startedAt: 0,
    taskId,
    dataset: GENERATED_DATASET,
    lesson,
    kind: 'classification',
    classNames: ['a', 'b'],
    settings: doc.training,
    doc,
    backend: 'cpu',
    params: null,
    splits: null,
    batchesPerEpoch: 1,
    batches: [],
    epochs: bas.map((b, i) => epoch(b, 2 - i * 0.5)),
    validation: { loss: 1, images: 6, metrics: { kind: 'classification', confusion: [[3, 1], [2, 0]] } },
    test: null,
    status: 'completed',
    error: null,
    seconds: 1,
    visible: true,
  };
}

describe('results', () => {
  const doc = buildFirstCnn();
  const runs = [run(1, [0.2, 0.3]), run(2, [0.25, 0.45, 0.4]), run(3, [0.9], 'brain-mri-classify'), run(4, [])];

  it('picks the run of the task with the best goal value, skipping runs without epochs', () => {
    expect(pickRun(runs, doc, null)?.number).toBe(2);
    expect(pickRun(runs, doc, buildFirstCnnLesson())?.number).toBe(2);
    expect(pickRun([run(4, [])], doc, null)).toBeNull();
  });

  it('counts only runs made in the lesson: a better run from before it is not the lesson result', () => {
    const before = run(5, [0.95], 'skin-lesions', null);
    expect(pickRun([...runs, before], doc, null)?.number).toBe(5);
    expect(pickRun([...runs, before], doc, buildFirstCnnLesson())?.number).toBe(2);
    expect(pickRun([before], doc, buildFirstCnnLesson())).toBeNull();
  });

  it('summarises layers, best validation figures, the confusion matrix and the goal', () => {
    const r = resultsSummary(doc, runs, buildFirstCnnLesson());
    expect(r.layers).toHaveLength(doc.nodes.length);
    expect(r.run?.validation.balancedAccuracy).toBe(0.45);
    expect(r.run?.validation.accuracy).toBeCloseTo(0.55, 10);
    expect(r.run?.validation.valLoss).toBe(1);
    expect(r.run?.confusion).toEqual([[3, 1], [2, 0]]);
    expect(r.lesson).toEqual({ title: 'Your first CNN: skin lesions', goal: 'balanced accuracy ≥ 0.70 on validation', best: 0.45, reached: false, spec: buildFirstCnnLesson().goal, reachedAtEpoch: null });
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it.each([
    [{ name: 'c', type: 'Conv2D', params: { filters: 16, kernelSize: 3, activation: 'relu' } }, 'Conv2D 16 filters 3x3 relu'],
    [{ name: 'd', type: 'Dense', params: { units: 32, activation: 'linear' } }, 'Dense 32 units'],
    [{ name: 'p', type: 'MaxPooling2D', params: { poolSize: 2 } }, 'MaxPooling2D pool 2'],
  ])('layerLine(%j) is %s', (layer, expected) => {
    expect(layerLine(layer)).toBe(expected);
  });

  it('draws the card: title, the best figure and every confusion cell', () => {
    const texts: string[] = [];
    let rects = 0;
    const ctx = {
      fillStyle: '',
      font: '',
      textAlign: 'left',
      textBaseline: 'top',
      strokeStyle: '',
      lineWidth: 1,
      fillRect: () => void rects++,
      strokeRect: () => undefined,
      fillText: (t: string, x: number, y: number) => void (texts.push(t), at.set(t, [x, y])),
    } as unknown as CardContext;
    const at = new Map<string, [number, number]>();
    drawResultsCard(ctx, resultsSummary({ ...doc, name: 'My CNN' }, runs, null));
    // m[true][predicted] = [[3, 1], [2, 0]], drawn rows = predicted as in the panel: 2 (true 1, predicted 0)
    // sits right of 3 in its row, 1 (true 0, predicted 1) below it in its column.
    expect(texts).toContain('CONFUSION (ROWS = PREDICTED)');
    expect(at.get('2')![1]).toBe(at.get('3')![1]);
    expect(at.get('2')![0]).toBeGreaterThan(at.get('3')![0]);
    expect(at.get('1')![0]).toBe(at.get('3')![0]);
    expect(at.get('1')![1]).toBeGreaterThan(at.get('3')![1]);
    expect(texts).toContain('My CNN');
    expect(texts).toContain('Balanced accuracy: 0.450');
    // 2x2 matrix: the four counts are drawn.
    expect(texts.filter((t) => ['3', '1', '2', '0'].includes(t))).toHaveLength(4);
    // Background, accent bar and four cells.
    expect(rects).toBe(6);
  });

  it('keeps the lesson goal and every figure inside the middle column, clear of the matrix at x = 660', () => {
    const calls: { t: string; x: number; maxWidth?: number }[] = [];
    const ctx = {
      fillRect: () => undefined,
      strokeRect: () => undefined,
      fillText: (t: string, x: number, _y: number, maxWidth?: number) => void calls.push({ t, x, maxWidth }),
    } as unknown as CardContext;
    const lesson = buildFirstCnnLesson();
    drawResultsCard(ctx, resultsSummary(doc, runs, { ...lesson, goal: { ...lesson.goal, value: 0.4 } }));
    expect(calls.map((c) => c.t)).toEqual(
      expect.arrayContaining(['✔ Goal reached (Your first CNN: skin lesions)', 'balanced accuracy ≥ 0.40 on validation', 'Best so far: 0.450']),
    );
    const middle = calls.filter((c) => c.x === 330 && c.t !== 'BEST RESULTS (VALIDATION)');
    expect(middle.length).toBeGreaterThan(5);
    for (const c of middle) expect(c.x + (c.maxWidth ?? Infinity), c.t).toBeLessThanOrEqual(650);
  });
});

describe('lesson dialog options', () => {
  it('offers training settings and each param of each node type once', () => {
    const keys = editableOptions(buildFirstCnn()).map((o) => o.key);
    expect(keys.slice(0, 2)).toEqual(['training.learningRate', 'training.epochs']);
    expect(keys).toContain('Conv2D.filters');
    expect(keys.filter((k) => k === 'Conv2D.kernelSize')).toHaveLength(1);
  });

  it.each([
    [buildFirstCnn(), ['balancedAccuracy', 'accuracy', 'valLoss'], 0.4],
    [buildUnet(), ['meanDice', 'valLoss'], 0.5],
  ])('goal metrics follow the task kind', (doc, metrics, value) => {
    expect(goalMetricsFor(doc)).toEqual(metrics);
    expect(defaultGoal(doc).value).toBe(value);
  });

  it('makes a lesson holding a copy of the document', () => {
    const doc = buildFirstCnn();
    const lesson = makeLesson(doc, { title: 't', instructions: '', locks: { editable: [], hidden: [], allowStructureEdits: false }, goal: defaultGoal(doc) });
    doc.nodes[0].name = 'changed';
    expect(lesson.document.nodes[0].name).not.toBe('changed');
    expect(lesson.format).toBe('convas-lesson');
  });
});
