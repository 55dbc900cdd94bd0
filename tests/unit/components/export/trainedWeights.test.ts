import { describe, expect, it } from 'vitest';
import { runSummary, sameArchitecture, weightsOffer } from '@/components/export/trainedWeights';
import type { EpochPoint, RunRecord } from '@/components/store/training/runs';
import { INITIAL_TRAINING, newRun, type TrainingState } from '@/components/store/training/trainingState';
import { buildFirstCnn } from '@/graph/templates/firstCnn';
import type { GraphDocument } from '@/graph/types';

const base = buildFirstCnn();
const conv = base.nodes.find((n) => n.type === 'Conv2D')?.id ?? '';

/** First CNN with one change. */
const edit = (fn: (d: GraphDocument) => GraphDocument) => fn(structuredClone(base));

describe('sameArchitecture', () => {
  it.each<[string, GraphDocument, boolean]>([
    ['an identical copy', structuredClone(base), true],
    ['nodes moved', edit((d) => ({ ...d, nodes: d.nodes.map((n) => ({ ...n, position: { x: n.position.x + 50, y: 0 } })) })), true],
    ['a node renamed, the title and training settings changed', edit((d) => ({ ...d, name: 'Mine', nodes: d.nodes.map((n) => (n.id === conv ? { ...n, name: 'first' } : n)), training: { ...d.training, epochs: 99 } })), true],
    ['params written in another key order', edit((d) => ({ ...d, nodes: d.nodes.map((n) => ({ ...n, params: Object.fromEntries(Object.entries(n.params).reverse()) })) })), true],
    ['a kernel size changed', edit((d) => ({ ...d, nodes: d.nodes.map((n) => (n.id === conv ? { ...n, params: { ...n.params, kernelSize: 5 } } : n)) })), false],
    ['the edges reordered', edit((d) => ({ ...d, edges: [...d.edges].reverse() })), false],
    ['a node removed', edit((d) => ({ ...d, nodes: d.nodes.slice(1) })), false],
    ['another task', edit((d) => ({ ...d, task: { id: 'brain-mri-classify' } })), false],
  ])('%s -> %s', (_name, doc, same) => {
    expect(sameArchitecture(base, doc)).toBe(same);
  });
});

const epoch = (n: number, accuracy: number | null, meanDice: number | null = null): EpochPoint => ({
  epoch: n,
  trainLoss: 1,
  valLoss: 1,
  accuracy,
  balancedAccuracy: null,
  baselineAccuracy: null,
  meanDice,
  dicePerClass: null,
  trainAccuracy: null,
  imagesPerSecond: null,
  seconds: null,
});

function run(patch: Partial<RunRecord>, doc = base): RunRecord {
  return { ...newRun(doc, null, 'run-1', 0), number: 2, ...patch };
}

function state(status: TrainingState['status'], runs: RunRecord[], currentRunId: string | null): Pick<TrainingState, 'status' | 'runs' | 'currentRunId'> {
  return { ...INITIAL_TRAINING, status, runs, currentRunId };
}

describe('weightsOffer', () => {
  const done = run({ status: 'completed', epochs: [epoch(1, 0.5), epoch(2, 0.7125)] });

  it('offers the last run of the session when it completed or was stopped for this architecture', () => {
    expect(weightsOffer(state('done', [done], 'run-1'), base)).toEqual({ kind: 'available', run: done, summary: 'Run 2: completed, 2 epochs, validation accuracy 71.3%' });
    const stopped = run({ status: 'stopped', epochs: [epoch(1, null, 0.61234)] });
    expect(weightsOffer(state('done', [stopped], 'run-1'), base)).toMatchObject({ kind: 'available', summary: 'Run 2: stopped, 1 epoch, validation Dice 0.612' });
  });

  it.each<[string, Pick<TrainingState, 'status' | 'runs' | 'currentRunId' | 'restoredRunIds'>, GraphDocument, RegExp]>([
    ['nothing trained', state('idle', [], null), base, /^Nothing has been trained in this session: train the model/],
    ['runs restored from an earlier visit only', state('idle', [done], null), base, /earlier visit keep their curves, not their weights/],
    // After a reload the last restored run is shown (currentRunId), but the worker that trained it is gone.
    ['the restored run shown after a reload', { ...state('idle', [done], 'run-1'), restoredRunIds: ['run-1'] }, base, /earlier visit keep their curves, not their weights/],
    ['a run in progress', state('running', [done], 'run-1'), base, /in progress: its weights can be exported once it ends/],
    ['a run stopping', state('stopping', [done], 'run-1'), base, /in progress/],
    ['a diverged run', state('error', [run({ status: 'diverged' })], 'run-1'), base, /^Run 2 diverged/],
    ['a failed run', state('error', [run({ status: 'failed' })], 'run-1'), base, /^Run 2 failed/],
    ['the graph changed since', state('done', [done], 'run-1'), edit((d) => ({ ...d, nodes: d.nodes.map((n) => (n.id === conv ? { ...n, params: { ...n.params, filters: 3 } } : n)) })), /graph changed after run 2/],
  ])('says why there are none: %s', (_name, training, doc, reason) => {
    const offer = weightsOffer(training, doc);
    expect(offer.kind).toBe('unavailable');
    if (offer.kind === 'unavailable') expect(offer.reason).toMatch(reason);
  });

  it('summarises a run without validation figures by its status and epochs', () => {
    expect(runSummary(run({ status: 'completed', epochs: [epoch(1, null)] }))).toBe('Run 2: completed, 1 epoch');
  });
});
