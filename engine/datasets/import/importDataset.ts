import { taskInfo } from '../../../graph/tasks';
import { DECODE_BUDGET } from './budget';
import type { Dataset, Progress } from '../types';
import { ImportError } from './formats/detect';
import { type ScanOptions, planSource } from './plan';
import { readPlan } from './read';
import type { DatasetFormat, InspectReport } from './report';
import { fitImage, fitMask } from './resize';
import type { FileSource } from './source';

/** The bundled task each real dataset stands in for, used when no taskId is given. */
export const DEFAULT_TASK: Record<DatasetFormat, string> = {
  ham10000: 'skin-lesions',
  'hmnist-csv': 'skin-lesions',
  'brain-tumor-mri': 'brain-mri-classify',
  'lgg-kaggle3m': 'brain-mri-segment',
};

/** Options of `importDataset`. Size and channels default to the task's input. */
export interface ImportOptions extends ScanOptions {
  /** Task the data is for; its classes fix the label order. Default: DEFAULT_TASK of the format. */
  taskId?: string;
  /** Square side in pixels every image is resized to. */
  size?: number;
  /** Channels the Input node wants: 1 (gray) or 3 (RGB). */
  channels?: 1 | 3;
  onProgress?: Progress;
}

/**
 * Reads a real dataset into a Dataset: every image decoded by content, resized to size x size (area
 * averaging when shrinking, bilinear when enlarging) and converted to the wanted channels (luminance for
 * RGB -> gray, except LGG whose gray input is the FLAIR channel; gray -> RGB replicates). Masks become 0/1
 * class indices at the same size. Unreadable files are skipped and listed in the report; the import fails
 * only when no layout is recognised, the task does not fit the data, or not one image could be read.
 * Example: const { dataset, report } = await importDataset(nodeDirSource(dir), { size: 64, channels: 1 })
 */
export async function importDataset(source: FileSource, opts: ImportOptions = {}): Promise<{ dataset: Dataset; report: InspectReport }> {
  const plan = await planSource(source, { ...opts, want: { size: opts.size, channels: opts.channels } });
  const taskId = opts.taskId ?? DEFAULT_TASK[plan.format];
  const task = taskInfo(taskId);
  if (task && task.kind !== plan.kind) throw new ImportError(`${plan.format} is ${plan.kind} data; task ${taskId} is ${task.kind}.`);
  const classes = task ? [...task.classes] : plan.classes;
  const classMap = plan.classes.map((name) => classes.indexOf(name));
  const absent = plan.classes.filter((_, k) => classMap[k] < 0);
  if (absent.length > 0) throw new ImportError(`Task ${taskId} has no class ${absent.join(', ')} (its classes: ${classes.join(', ')}).`);

  const size = opts.size ?? task?.input[0] ?? 64;
  const channels = opts.channels ?? ((task?.input[2] ?? 3) as 1 | 3);
  if (!Number.isInteger(size) || size < 1 || size > 1024) throw new ImportError(`Image size ${size} is not a whole number from 1 to 1024.`);
  if (task && (size < task.sizeRange[0] || size > task.sizeRange[1]))
    throw new ImportError(`Task ${taskId} takes sizes ${task.sizeRange[0]} to ${task.sizeRange[1]}; ${size} was asked for.`);
  if (channels !== 1 && channels !== 3) throw new ImportError(`Channels must be 1 or 3, not ${String(channels)}.`);

  const pixels = size * size;
  const capacity = plan.items.length;
  const bytes = capacity * pixels * (channels + (plan.kind === 'segmentation' ? 1 : 0));
  if (bytes > DECODE_BUDGET.maxDatasetBytes)
    throw new ImportError(
      `${capacity.toLocaleString('en')} images at ${size}x${size} would take ${Math.round(bytes / 2 ** 20)} MB, more than the ${DECODE_BUDGET.maxDatasetBytes / 2 ** 20} MB an import may hold; choose a smaller input size.`,
    );
  let images = new Uint8Array(capacity * pixels * channels);
  let masks = plan.kind === 'segmentation' ? new Uint8Array(capacity * pixels) : undefined;
  const labels: number[] = [];
  const groups: string[] = [];
  const ids: string[] = [];
  const splits: ('train' | 'test')[] = [];
  const target = { width: size, height: size, channels };
  const report = await readPlan(plan, source.label, {
    onProgress: opts.onProgress,
    onImage: ({ item, image, mask, label }) => {
      if (!image) return;
      const k = ids.length;
      images.set(fitImage(image, target, plan.grayChannel), k * pixels * channels);
      if (masks && mask) {
        const fitted = fitMask(mask.map((v) => (v ? 255 : 0)), image.width, image.height, size, size);
        // Mask foreground is plan class 1 (LGG: glioma), stored as that class's index in the task.
        for (let i = 0; i < pixels; i++) masks[k * pixels + i] = fitted[i] ? classMap[1] : 0;
      }
      labels.push(classMap[label]);
      groups.push(item.group);
      ids.push(item.id);
      if (item.split) splits.push(item.split);
    },
  });
  const count = ids.length;
  if (count === 0) {
    const why = report.skipped.slice(0, 3).map((s) => `${s.file}: ${s.reason}`).join('; ');
    throw new ImportError(`No image of ${source.label} could be read${why ? ` (${why}${report.skipped.length > 3 ? '; ...' : ''})` : ''}.`);
  }
  if (count < capacity) {
    images = images.slice(0, count * pixels * channels);
    masks = masks?.slice(0, count * pixels);
  }
  const dataset: Dataset = {
    taskId,
    kind: plan.kind,
    classes,
    height: size,
    width: size,
    channels,
    count,
    images,
    labels: Int32Array.from(labels),
    groups,
    ids,
    source: plan.format,
    credit: plan.credit,
  };
  if (masks) dataset.masks = masks;
  if (splits.length === count) dataset.providedSplit = splits;
  if (plan.grayChannel !== undefined && channels === 1) report.notes.push(`1-channel input: channel ${plan.grayChannel} (FLAIR) of each image was used, not the luminance.`);
  return { dataset, report };
}
