/**
 * The task head the Output node compiles to: what it predicts and its final non-linearity.
 */
import { headClasses, type TaskInfo } from '../../graph/tasks';
import type { TaskKind, TaskRef } from '../../graph/types';

/** What the model's output means. Classification: `[batch, classes]`; segmentation: `[batch, H, W, classes]`. */
export interface HeadSpec {
  kind: TaskKind;
  /** Output channels: the task's classes; 1 for binary segmentation masks. */
  classes: number;
  /** Softmax over the classes, or a sigmoid for a single (binary mask) channel. */
  activation: 'softmax' | 'sigmoid';
  /** Class names in label order (binary segmentation: the task's, background first). */
  classNames: readonly string[];
}

/**
 * The head of a task: segmentation with one class (binary masks) ends in a sigmoid, everything else in a
 * softmax. Example: headFor(TASKS['brain-mri-segment'], { id, maskMode: 'binary' }) ->
 * { kind: 'segmentation', classes: 1, activation: 'sigmoid', ... }.
 */
export function headFor(info: TaskInfo, task: TaskRef): HeadSpec {
  const classes = headClasses(info, task.maskMode);
  const activation = info.kind === 'segmentation' && classes === 1 ? 'sigmoid' : 'softmax';
  return { kind: info.kind, classes, activation, classNames: info.classes };
}
