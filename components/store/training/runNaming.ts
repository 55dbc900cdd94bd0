/**
 * Names a run after what changed since the previous one, so overlaid curves say what was tried:
 * "lr 0.001 -> 0.01", "+ Conv2D conv2d_2", "conv2d_1 filters 8 -> 16". Pure, from two documents.
 */
import type { GraphDocument, GraphNode, TrainingSettings } from '@/graph/types';
import { formatSetting } from '../../format';

/** Short names of the settings, in the order changes are listed. */
const SETTING_LABELS: { key: keyof TrainingSettings; label: string }[] = [
  { key: 'learningRate', label: 'lr' },
  { key: 'optimizer', label: 'optimiser' },
  { key: 'schedule', label: 'schedule' },
  { key: 'momentum', label: 'momentum' },
  { key: 'batchSize', label: 'batch' },
  { key: 'epochs', label: 'epochs' },
  { key: 'classWeights', label: 'class weights' },
  { key: 'augment', label: 'augmentation' },
  { key: 'validationFraction', label: 'validation' },
  { key: 'seed', label: 'seed' },
  { key: 'backend', label: 'backend' },
  { key: 'segmentationLoss', label: 'loss' },
  { key: 'diceMode', label: 'Dice over' },
];

function show(v: unknown): string {
  if (typeof v === 'boolean') return v ? 'on' : 'off';
  if (typeof v === 'number') return formatSetting(v);
  return String(v);
}

/** Settings that matter for this run: momentum only with SGD, the segmentation loss only for segmentation. */
function relevant(key: keyof TrainingSettings, a: TrainingSettings, b: TrainingSettings, segmentation: boolean): boolean {
  if (key === 'momentum') return a.optimizer === 'sgd' && b.optimizer === 'sgd';
  if (key === 'segmentationLoss' || key === 'diceMode') return segmentation;
  if (key === 'classWeights') return !segmentation;
  return true;
}

function paramChanges(before: GraphNode, after: GraphNode): string[] {
  const keys = [...new Set([...Object.keys(before.params), ...Object.keys(after.params)])].sort();
  return keys.filter((k) => before.params[k] !== after.params[k]).map((k) => `${after.name} ${k} ${show(before.params[k] ?? '-')} -> ${show(after.params[k] ?? '-')}`);
}

/**
 * The task and training-setting changes from `prev` to `next`, as "task a -> b", "lr 0.001 -> 0.01" (the
 * settings that matter for `next`: momentum only with SGD, the Dice form only for segmentation).
 */
export function settingChanges(prev: GraphDocument, next: GraphDocument): string[] {
  const out: string[] = [];
  if (prev.task.id !== next.task.id) out.push(`task ${prev.task.id} -> ${next.task.id}`);
  else if ((prev.task.maskMode ?? 'binary') !== (next.task.maskMode ?? 'binary')) out.push(`masks ${prev.task.maskMode ?? 'binary'} -> ${next.task.maskMode ?? 'binary'}`);
  const segmentation = next.nodes.some((n) => n.type === 'Output' && n.params.head === 'segmentation');
  for (const { key, label } of SETTING_LABELS) {
    if (prev.training[key] !== next.training[key] && relevant(key, prev.training, next.training, segmentation)) {
      out.push(`${label} ${show(prev.training[key])} -> ${show(next.training[key])}`);
    }
  }
  return out;
}

/**
 * Every change from `prev` to `next`: task, training settings, added and removed layers, changed
 * parameters and renamed layers, and rewiring. Empty when nothing changed.
 */
export function describeChanges(prev: GraphDocument, next: GraphDocument): string[] {
  const out = settingChanges(prev, next);
  const before = new Map(prev.nodes.map((n) => [n.id, n]));
  const after = new Map(next.nodes.map((n) => [n.id, n]));
  for (const n of next.nodes) if (!before.has(n.id)) out.push(`+ ${n.type} ${n.name}`);
  for (const n of prev.nodes) if (!after.has(n.id)) out.push(`- ${n.type} ${n.name}`);
  for (const n of next.nodes) {
    const old = before.get(n.id);
    if (!old) continue;
    if (old.name !== n.name) out.push(`${old.name} renamed ${n.name}`);
    out.push(...paramChanges(old, n));
  }
  const edgeKey = (d: GraphDocument) => d.edges.map((e) => `${e.source}>${e.target}`).sort().join(',');
  const addedOrRemoved = next.nodes.some((n) => !before.has(n.id)) || prev.nodes.some((n) => !after.has(n.id));
  if (!addedOrRemoved && edgeKey(prev) !== edgeKey(next)) out.push('rewired');
  return out;
}

/**
 * The name of a new run: its changes since `prev` (at most `maxParts`, then "+N more"), "same setup" when
 * nothing changed, or the graph's title for the first run.
 *
 * @example runName(prevDoc, {...prevDoc, training: {...prevDoc.training, learningRate: 0.01}}) // "lr 0.001 -> 0.01"
 */
export function runName(prev: GraphDocument | null, next: GraphDocument, maxParts = 3): string {
  if (!prev) return next.name ?? 'First run';
  const changes = describeChanges(prev, next);
  if (changes.length === 0) return 'same setup';
  const shown = changes.slice(0, maxParts).join(', ');
  return changes.length > maxParts ? `${shown} +${changes.length - maxParts} more` : shown;
}
