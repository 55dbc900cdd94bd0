import { TASKS, type TaskInfo } from '@/graph/tasks';
import type { TaskKind, TaskRef } from '@/graph/types';

/**
 * Which bundled task an imported model's output fits: the one whose head has as many outputs as the model
 * (classification: classes; segmentation: 1 channel for binary masks, or one per class). When none does,
 * the task of that kind whose images have the model's channel count, marked inexact: the head is then new.
 */
export interface TaskChoice {
  task: TaskRef;
  info: TaskInfo;
  exact: boolean;
  /** The head's final non-linearity for this task. */
  activation: 'softmax' | 'sigmoid';
  classes: number;
}

const ALL = Object.values(TASKS) as TaskInfo[];

/** Bundled tasks first by real data (brain, skin) and then the random test tasks. */
const ORDER = ['skin-lesions', 'brain-mri-classify', 'brain-mri-segment', 'random-classify', 'random-segment'];

/**
 * The task for a model with `outputs` values per image (classification) or per pixel (segmentation).
 * Example: chooseTask('classification', 7, 3) -> skin-lesions, exact; chooseTask('segmentation', 1, 1) ->
 * brain-mri-segment binary, exact; chooseTask('classification', 10, 1) -> brain-mri-classify, inexact.
 */
export function chooseTask(kind: TaskKind, outputs: number, channels: number): TaskChoice {
  const tasks = ALL.filter((t) => t.kind === kind).sort((a, b) => ORDER.indexOf(a.id) - ORDER.indexOf(b.id));
  const byChannels = (list: TaskInfo[]) => list.find((t) => t.input[2] === channels) ?? list[0];
  if (kind === 'classification') {
    const fits = tasks.filter((t) => t.classes.length === outputs);
    const info = fits.length ? byChannels(fits) : byChannels(tasks);
    return { task: { id: info.id }, info, exact: fits.length > 0, activation: 'softmax', classes: info.classes.length };
  }
  if (outputs === 1) {
    const info = byChannels(tasks);
    return { task: { id: info.id, maskMode: 'binary' }, info, exact: true, activation: 'sigmoid', classes: 1 };
  }
  const fits = tasks.filter((t) => t.classes.length === outputs);
  if (fits.length) {
    const info = byChannels(fits);
    return { task: { id: info.id, maskMode: 'multiclass' }, info, exact: true, activation: 'softmax', classes: outputs };
  }
  const info = byChannels(tasks);
  return { task: { id: info.id, maskMode: 'binary' }, info, exact: false, activation: 'sigmoid', classes: 1 };
}
