import type { TaskKind } from './types';

/**
 * What the graph needs to know about a task: its kind, its classes and its default input size.
 * The full task catalogue (generators, importers, credits) lives in engine/datasets and reads this table,
 * so class names and sizes are declared once.
 */
export interface TaskInfo {
  id: string;
  title: string;
  kind: TaskKind;
  /** Class names in label-index order. Segmentation: the mask classes of the multi-class option (background first). */
  classes: readonly string[];
  /** Default input [height, width, channels]. */
  input: readonly [number, number, number];
  /** Allowed square input side, inclusive. */
  sizeRange: readonly [number, number];
}

export const TASKS = {
  'skin-lesions': {
    id: 'skin-lesions',
    title: 'Skin lesions (HAM10000-like, 7 classes)',
    kind: 'classification',
    classes: ['akiec', 'bcc', 'bkl', 'df', 'mel', 'nv', 'vasc'],
    input: [64, 64, 3],
    sizeRange: [28, 224],
  },
  'brain-mri-classify': {
    id: 'brain-mri-classify',
    title: 'Brain MRI tumour type (4 classes)',
    kind: 'classification',
    classes: ['glioma', 'meningioma', 'notumor', 'pituitary'],
    input: [64, 64, 1],
    sizeRange: [32, 256],
  },
  'brain-mri-segment': {
    id: 'brain-mri-segment',
    title: 'Brain MRI tumour segmentation',
    kind: 'segmentation',
    classes: ['background', 'glioma', 'meningioma', 'pituitary'],
    input: [64, 64, 1],
    sizeRange: [32, 256],
  },
  'random-classify': {
    id: 'random-classify',
    title: 'Random data (testing, 3 classes)',
    kind: 'classification',
    classes: ['a', 'b', 'c'],
    input: [16, 16, 1],
    sizeRange: [4, 256],
  },
  'random-segment': {
    id: 'random-segment',
    title: 'Random shapes segmentation (testing)',
    kind: 'segmentation',
    classes: ['background', 'object'],
    input: [16, 16, 1],
    sizeRange: [4, 256],
  },
} as const satisfies Record<string, TaskInfo>;

export type TaskId = keyof typeof TASKS;

/** The task's info, or undefined for an unknown id (imported datasets register their own). */
export function taskInfo(id: string): TaskInfo | undefined {
  return (TASKS as Record<string, TaskInfo>)[id];
}

/**
 * Number of output channels/classes the head must produce for a task.
 * Segmentation with the binary mask mode has one channel (sigmoid); multi-class has one per class (softmax).
 */
export function headClasses(task: TaskInfo, maskMode: 'binary' | 'multiclass' = 'binary'): number {
  if (task.kind === 'classification') return task.classes.length;
  return maskMode === 'binary' ? 1 : task.classes.length;
}
