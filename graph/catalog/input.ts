import type { TaskInfo } from '../tasks';
import type { Params } from '../types';
import type { CatalogEntry } from './types';
import { intParam, NO_PARAMS, ok } from './shared';

/**
 * Params an Input node gets for a task: the task's default image size and channel count.
 * Example: inputParamsForTask(TASKS['skin-lesions']) -> { height: 64, width: 64, channels: 3 }.
 */
export function inputParamsForTask(task: TaskInfo): Params {
  const [height, width, channels] = task.input;
  return { height, width, channels };
}

/** The image entering the network, `[null, height, width, channels]`. */
export const input = {
  type: 'Input',
  label: 'Input',
  category: 'io',
  doc:
    'The images the network reads, as height x width x channels numbers between 0 and 1. ' +
    'The task sets these (grey MRI slices have 1 channel, colour photos 3); you may change the size, ' +
    'and images are resized to it. Smaller images train much faster in the browser.',
  inputs: { min: 0, max: 0 },
  hasOutput: true,
  params: {
    height: { kind: 'int', label: 'Height', doc: 'Image height in pixels.', default: 64, min: 1, max: 1024 },
    width: { kind: 'int', label: 'Width', doc: 'Image width in pixels.', default: 64, min: 1, max: 1024 },
    channels: {
      kind: 'int',
      label: 'Channels',
      doc: 'Numbers per pixel: 1 for greyscale, 3 for colour (red, green, blue).',
      default: 3,
      min: 1,
      max: 16,
    },
  },
  inferShape: (_inputs, p) =>
    ok([null, intParam(p, 'height', 64), intParam(p, 'width', 64), intParam(p, 'channels', 3)]),
  paramCount: () => NO_PARAMS,
  macs: () => 0,
  summary: (p) => `${intParam(p, 'height', 64)}x${intParam(p, 'width', 64)}x${intParam(p, 'channels', 3)}`,
} satisfies CatalogEntry;
