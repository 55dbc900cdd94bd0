/**
 * `convas train --data <folder | file.zip | hmnist_*.csv>`: a real dataset, read by the app's own importers
 * (engine/datasets/import) at the graph's Input size and channels, for the graph's task. The training then
 * splits it as the app does (engine/datasets/split.ts: the dataset's own Testing/ split where it ships one,
 * else whole patients or lesions, seeded) and reports the app's metrics.
 */
import { stat } from 'node:fs/promises';
import { importDataset } from '../../engine/datasets/import/importDataset';
import { openNodePath } from '../../engine/datasets/import/nodeSource';
import { DATASET_FORMATS, type DatasetFormat } from '../../engine/datasets/import/report';
import type { Dataset } from '../../engine/datasets/types';
import type { GraphDocument } from '../../graph/types';

/** A problem with the --data argument or what it holds: the CLI prints it and exits with 2 (a usage error). */
export class TrainDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrainDataError';
  }
}

/** The Input node's `[height, width, channels]`, or a TrainDataError when the graph has none. */
export function inputShapeOf(document: GraphDocument): [number, number, number] {
  const input = document.nodes.find((n) => n.type === 'Input');
  if (!input) throw new TrainDataError('The graph has no Input node, so the image size and channels are unknown.');
  const p = input.params as Record<string, unknown>;
  const num = (key: string) => (typeof p[key] === 'number' ? (p[key] as number) : NaN);
  return [num('height'), num('width'), num('channels')];
}

/**
 * Reads the dataset at `path` for `document`: images at the Input's height x width (square) and channels,
 * classes in the order of the document's task. Throws TrainDataError for a missing path, a non-square or
 * odd-channel Input, an unknown layout, or data of another task (a segmentation graph on a classification
 * dataset, a class the task lacks).
 * Example: const { dataset, notes } = await loadTrainData('../shared/realdata/brain_mri_cls', doc)
 */
export async function loadTrainData(
  path: string,
  document: GraphDocument,
  opts: { format?: string; onProgress?: (done: number, total: number, phase: string) => void } = {},
): Promise<{ dataset: Dataset; notes: string[]; skipped: number }> {
  if (!(await stat(path).catch(() => null))) throw new TrainDataError(`--data ${path}: no such folder or file.`);
  if (opts.format !== undefined && !(DATASET_FORMATS as readonly string[]).includes(opts.format))
    throw new TrainDataError(`--format must be one of ${DATASET_FORMATS.join(', ')}, not "${opts.format}".`);
  const [height, width, channels] = inputShapeOf(document);
  if (height !== width) throw new TrainDataError(`Real datasets are read as square images; the Input is ${height}x${width}. Make it square.`);
  if (channels !== 1 && channels !== 3) throw new TrainDataError(`Real datasets are read as gray (1) or RGB (3) images; the Input has ${channels} channels.`);
  try {
    const source = await openNodePath(path);
    const { dataset, report } = await importDataset(source, {
      taskId: document.task.id,
      size: height,
      channels,
      format: opts.format as DatasetFormat | undefined,
      onProgress: opts.onProgress,
    });
    return { dataset, notes: report.notes, skipped: report.skipped.length };
  } catch (error) {
    // Import problems (no layout, several, a task or class mismatch, nothing readable) are the user's to fix.
    throw new TrainDataError(error instanceof Error ? error.message : String(error));
  }
}
