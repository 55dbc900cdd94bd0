import { inputParamsForTask } from '../catalog';
import { taskInfo } from '../tasks';
import type { GraphDocument, TaskRef } from '../types';

/**
 * Point a document at another task: the Input takes the task's image size and channels, the Output's head
 * follows the task's kind (classification or segmentation). Everything else stays, so a classifier moved to
 * a segmentation task shows the problems that need fixing (or the user picks the U-Net template).
 */
export function retask(doc: GraphDocument, task: TaskRef): GraphDocument {
  const info = taskInfo(task.id);
  if (!info) return { ...doc, task };
  const input = inputParamsForTask(info);
  return {
    ...doc,
    task: info.kind === 'segmentation' ? { id: task.id, maskMode: task.maskMode ?? doc.task.maskMode ?? 'binary' } : { id: task.id },
    nodes: doc.nodes.map((n) => {
      if (n.type === 'Input') return { ...n, params: { ...n.params, ...input } };
      if (n.type === 'Output') return { ...n, params: { ...n.params, head: info.kind } };
      return n;
    }),
  };
}
