import { catalogEntry } from '@/graph/catalog';
import { taskInfo } from '@/graph/tasks';
import type { GoalMetric, Lesson, LessonGoal } from '@/graph/lesson';
import type { GraphDocument } from '@/graph/types';
import { paramKey, trainingKey } from '@/graph/lessonLocks';

/** What the facilitator can tick in the "Create lesson link" dialog. */
export interface LockOption {
  key: string;
  label: string;
}

const TRAINING_FIELDS: readonly [string, string][] = [
  ['learningRate', 'Learning rate'],
  ['epochs', 'Epochs'],
  ['batchSize', 'Batch size'],
  ['optimizer', 'Optimiser'],
  ['schedule', 'Learning-rate schedule'],
  ['momentum', 'Momentum (SGD)'],
  ['augment', 'Augmentation'],
  ['classWeights', 'Class weights'],
  ['segmentationLoss', 'Segmentation loss'],
  ['diceMode', 'Dice form'],
  ['validationFraction', 'Validation share'],
  ['seed', 'Seed'],
];

/** Panels and controls a lesson can hide. */
export const HIDEABLE: readonly LockOption[] = [
  { key: 'palette', label: 'Layer palette' },
  { key: 'export', label: 'Export (Keras, PyTorch)' },
  { key: 'settings.optimizer', label: 'Optimiser setting' },
  { key: 'settings.augment', label: 'Augmentation setting' },
  { key: 'settings.classWeights', label: 'Class weights setting' },
];

/**
 * The controls of `doc` a lesson can leave editable: the training settings, then each parameter of each
 * node type in the graph (once per type: `Conv2D.filters` covers every Conv2D), in graph order.
 */
export function editableOptions(doc: GraphDocument): LockOption[] {
  const training = TRAINING_FIELDS.map(([f, label]) => ({ key: trainingKey(f), label: `Training: ${label}` }));
  const types = [...new Set(doc.nodes.map((n) => n.type))];
  const params = types.flatMap((t) => {
    const entry = catalogEntry(t);
    return Object.entries(entry.params).map(([p, spec]) => ({ key: paramKey(t, p), label: `${entry.label}: ${spec.label}` }));
  });
  return [...training, ...params];
}

/** Goal metrics that make sense for the document's task. */
export function goalMetricsFor(doc: GraphDocument): GoalMetric[] {
  return taskInfo(doc.task.id)?.kind === 'segmentation' ? ['meanDice', 'valLoss'] : ['balancedAccuracy', 'accuracy', 'valLoss'];
}

/** A sensible first goal for the task: lower-is-better for loss, higher otherwise. */
export function defaultGoal(doc: GraphDocument): LessonGoal {
  const metric = goalMetricsFor(doc)[0];
  return { metric, op: '>=', value: metric === 'meanDice' ? 0.5 : 0.4, split: 'validation' };
}

/** The lesson the dialog makes from the current graph and the facilitator's choices. */
export function makeLesson(doc: GraphDocument, choices: Pick<Lesson, 'title' | 'instructions' | 'locks' | 'goal' | 'dataSize' | 'classCode'>): Lesson {
  return { format: 'convas-lesson', version: 1, ...choices, document: structuredClone(doc) };
}
