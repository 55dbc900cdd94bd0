import { inputParamsForTask } from '../catalog';
import { createDocument } from '../document';
import { TASKS } from '../tasks';
import type { GraphDocument } from '../types';
import { TemplateBuilder } from './builder';

/**
 * GoogLeNet ideas at small scale on the skin-lesion task: two conv + pool stages (16x16x16), one
 * inception module (1x1, 3x3, 5x5 convolutions and a 3x3 max pool + 1x1 conv side by side, 8 filters each,
 * concatenated to 16x16x32), then GlobalAveragePooling2D (32 numbers) instead of Flatten, Dropout 0.4, Output.
 */
export function buildGooglenetHead(): GraphDocument {
  const b = new TemplateBuilder();
  let x = b.add('Input', inputParamsForTask(TASKS['skin-lesions']), [], 0);
  x = b.add('Conv2D', { filters: 8, kernelSize: 3, padding: 'same', activation: 'relu' }, [x], 1);
  x = b.add('MaxPooling2D', { poolSize: 2 }, [x], 2);
  x = b.add('Conv2D', { filters: 16, kernelSize: 3, padding: 'same', activation: 'relu' }, [x], 3);
  x = b.add('MaxPooling2D', { poolSize: 2 }, [x], 4);
  const conv = (k: number) => ({ filters: 8, kernelSize: k, padding: 'same', activation: 'relu' });
  const b1 = b.add('Conv2D', conv(1), [x], 6, -1);
  const b2 = b.add('Conv2D', conv(3), [x], 6, 0);
  const b3 = b.add('Conv2D', conv(5), [x], 6, 1);
  const pool = b.add('MaxPooling2D', { poolSize: 3, strides: 1, padding: 'same' }, [x], 5, 2);
  const b4 = b.add('Conv2D', conv(1), [pool], 6, 2);
  x = b.add('Concatenate', {}, [b1, b2, b3, b4], 7);
  x = b.add('GlobalAveragePooling2D', {}, [x], 8);
  x = b.add('Dropout', { rate: 0.4 }, [x], 9);
  b.add('Output', { head: 'classification' }, [x], 10);
  return createDocument(b.graph(), { id: 'skin-lesions' }, {}, 'GoogLeNet-style head');
}
