import type { GraphDocument } from '@/graph/types';
import type { RunRecord } from '../store/training/runs';
import { currentRun, type TrainingState } from '../store/training/trainingState';

/**
 * Whether the Export dialog can include trained weights, and what to tell people either way. Only the last
 * run of this session can give them (the training worker keeps that run's model until the next start; runs
 * restored from an earlier visit keep their curves, not their weights), and only while the graph still has
 * the architecture that run trained.
 */
export type WeightsOffer =
  | { kind: 'available'; run: RunRecord; summary: string }
  | { kind: 'unavailable'; run: RunRecord | null; reason: string };

/** A params object as canonical text (keys sorted), for comparing. */
function paramsKey(params: Record<string, unknown>): string {
  return JSON.stringify(Object.keys(params).sort().map((k) => [k, params[k]]));
}

/**
 * True when two documents build the same network: same task (and mask mode), same node ids with the same
 * types and params, same edges in the same order. Names, positions, the title and training settings may
 * differ (they change no weight).
 */
export function sameArchitecture(a: GraphDocument, b: GraphDocument): boolean {
  if (a.task.id !== b.task.id || (a.task.maskMode ?? 'binary') !== (b.task.maskMode ?? 'binary')) return false;
  if (a.nodes.length !== b.nodes.length || a.edges.length !== b.edges.length) return false;
  const byId = new Map(b.nodes.map((n) => [n.id, n]));
  for (const n of a.nodes) {
    const m = byId.get(n.id);
    if (!m || m.type !== n.type || paramsKey(m.params) !== paramsKey(n.params)) return false;
  }
  return a.edges.every((e, i) => e.source === b.edges[i].source && e.target === b.edges[i].target);
}

/** "Run 3: completed, 5 epochs, validation accuracy 71.2%". */
export function runSummary(run: RunRecord): string {
  const epochs = run.epochs.length;
  const last = run.epochs.at(-1);
  const parts = [`Run ${run.number}: ${run.status}`, `${epochs} epoch${epochs === 1 ? '' : 's'}`];
  if (last?.accuracy != null) parts.push(`validation accuracy ${(last.accuracy * 100).toFixed(1)}%`);
  else if (last?.meanDice != null) parts.push(`validation Dice ${last.meanDice.toFixed(3)}`);
  return parts.join(', ');
}

const ACTIVE = new Set(['starting', 'running', 'paused', 'stopping']);

/** What the dialog offers for this training state and document. */
export function weightsOffer(training: Pick<TrainingState, 'status' | 'runs' | 'currentRunId' | 'restoredRunIds'>, doc: GraphDocument): WeightsOffer {
  const restored = training.restoredRunIds?.includes(training.currentRunId ?? '') === true;
  const run = restored ? null : currentRun(training);
  if (ACTIVE.has(training.status)) {
    return { kind: 'unavailable', run, reason: 'A training run is in progress: its weights can be exported once it ends or you stop it.' };
  }
  if (!run) {
    const earlier = training.runs.length > 0 ? ' (runs from an earlier visit keep their curves, not their weights)' : '';
    return { kind: 'unavailable', run: null, reason: `Nothing has been trained in this session${earlier}: train the model to export it with its trained weights.` };
  }
  if (run.status !== 'completed' && run.status !== 'stopped') {
    return { kind: 'unavailable', run, reason: `Run ${run.number} ${run.status === 'diverged' ? 'diverged' : 'failed'}, so it has no weights worth exporting: train again to include them.` };
  }
  if (!sameArchitecture(run.doc, doc)) {
    return { kind: 'unavailable', run, reason: `The graph changed after run ${run.number} was trained, so its weights no longer fit: train again to include them.` };
  }
  return { kind: 'available', run, summary: runSummary(run) };
}
