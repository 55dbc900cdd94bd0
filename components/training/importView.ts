/**
 * The import dialog's words: a plain summary of what inspecting a folder or zip found, and the task and
 * image size the import will use (the graph's own Input when the task matches, else the task's default).
 */
import { DEFAULT_TASK, type InspectReport } from '@/engine/datasets/import';
import { taskInfo } from '@/graph/tasks';
import type { GraphDocument } from '@/graph/types';

/** Summary lines of an inspection, most important first. */
export function reportLines(r: InspectReport): string[] {
  const lines = [`${r.title}: ${r.images.toLocaleString('en')} images in ${r.classes.length} classes, ${r.groups.toLocaleString('en')} ${r.groupBy === 'image' ? 'images' : `${r.groupBy}s`} as groups.`];
  lines.push(`Classes: ${r.classes.map((c) => `${c.name} ${c.count.toLocaleString('en')}`).join(', ')}.`);
  if (r.masks !== null) lines.push(`${r.masks} masks, ${r.emptyMasks ?? 0} of them empty (no tumour).`);
  if (r.splits) lines.push(`Provided split: ${r.splits.train.images} training, ${r.splits.test.images} test images (kept as the test split).`);
  if (r.sizes.length) lines.push(`Sizes: ${r.sizes.slice(0, 3).map((s) => `${s.width}x${s.height} (${s.count})`).join(', ')}${r.sizes.length > 3 ? ', ...' : ''}.`);
  if (r.skipped.length) lines.push(`${r.skipped.length} file${r.skipped.length === 1 ? '' : 's'} skipped, e.g. ${r.skipped[0].file}: ${r.skipped[0].reason}`);
  if (r.missing) lines.push(`${r.missing} metadata rows have no image.`);
  if (r.duplicates) lines.push(`${r.duplicates} duplicate copies ignored.`);
  lines.push(...r.notes);
  return lines;
}

/** What the import will produce for this graph: task id, square size and channels. */
export function importTarget(r: Pick<InspectReport, 'format'>, doc: GraphDocument): { taskId: string; size: number; channels: 1 | 3 } {
  const taskId = DEFAULT_TASK[r.format];
  const info = taskInfo(taskId);
  const input = doc.nodes.find((n) => n.type === 'Input');
  const fromGraph = doc.task.id === taskId && input ? { size: Number(input.params.height), channels: Number(input.params.channels) } : null;
  const size = fromGraph && Number.isInteger(fromGraph.size) && info && fromGraph.size >= info.sizeRange[0] && fromGraph.size <= info.sizeRange[1] ? fromGraph.size : (info?.input[0] ?? 64);
  const channels = fromGraph && (fromGraph.channels === 1 || fromGraph.channels === 3) ? fromGraph.channels : ((info?.input[2] ?? 3) as 1 | 3);
  return { taskId, size, channels };
}
