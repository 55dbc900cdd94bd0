/**
 * The two reference models of the benchmarks (a small 3-block CNN and a mini U-Net) as graph documents (what the compiler benchmark and the Chromium
 * benchmark train), matching the hand-written ones of scripts/bench/kernels.ts layer for layer:
 * - CNN: 64x64x3 -> conv3x3(16, same) relu -> maxpool 2 -> conv3x3(32) relu -> maxpool 2 -> conv3x3(64) relu
 *   -> global average pool -> dense(7) softmax (the skin-lesion task's 7 classes); batch 32.
 * - mini U-Net: 64x64x1 -> conv16 -> conv16 -> pool -> conv32 -> conv32 -> upsample x2 -> concat(up, block 1)
 *   -> conv16 -> conv1x1(1) sigmoid (binary brain MRI masks); batch 16.
 */
import { createDocument } from '../../graph/document';
import { TemplateBuilder } from '../../graph/templates/builder';
import type { GraphDocument, NodeType, Params, TaskRef } from '../../graph/types';

/** A reference workload: the document, its batch size, and the loss the hand-written model uses. */
export interface ReferenceModel {
  name: 'cnn' | 'unet';
  batchSize: number;
  document: () => GraphDocument;
}

/** Nodes in one row, one column each (the layout does not matter to a benchmark). */
function builder(task: TaskRef, title: string) {
  const b = new TemplateBuilder();
  let column = 0;
  const add = (type: NodeType, params: Params, inputs: string[]): string => b.add(type, params, inputs, column++);
  const done = () => createDocument(b.graph(), task, { segmentationLoss: 'bce' }, title);
  return { add, done };
}

const conv = (filters: number) => ({ filters, kernelSize: 3, padding: 'same', activation: 'relu' });

/** The reference CNN as a document for the skin-lesion task. */
export function referenceCnnDocument(): GraphDocument {
  const b = builder({ id: 'skin-lesions' }, 'Reference CNN');
  let x = b.add('Input', { height: 64, width: 64, channels: 3 }, []);
  x = b.add('Conv2D', conv(16), [x]);
  x = b.add('MaxPooling2D', { poolSize: 2 }, [x]);
  x = b.add('Conv2D', conv(32), [x]);
  x = b.add('MaxPooling2D', { poolSize: 2 }, [x]);
  x = b.add('Conv2D', conv(64), [x]);
  x = b.add('GlobalAveragePooling2D', {}, [x]);
  b.add('Output', { head: 'classification', projection: true }, [x]);
  return b.done();
}

/** The mini U-Net as a document for binary brain MRI segmentation (loss: binary cross-entropy). */
export function referenceUnetDocument(): GraphDocument {
  const b = builder({ id: 'brain-mri-segment', maskMode: 'binary' }, 'Reference mini U-Net');
  const input = b.add('Input', { height: 64, width: 64, channels: 1 }, []);
  const block1 = b.add('Conv2D', conv(16), [b.add('Conv2D', conv(16), [input])]);
  const pooled = b.add('MaxPooling2D', { poolSize: 2 }, [block1]);
  const block2 = b.add('Conv2D', conv(32), [b.add('Conv2D', conv(32), [pooled])]);
  const up = b.add('UpSampling2D', { size: 2 }, [block2]);
  const joined = b.add('Concatenate', {}, [up, block1]);
  const x = b.add('Conv2D', conv(16), [joined]);
  b.add('Output', { head: 'segmentation', projection: true }, [x]);
  return b.done();
}

export const REFERENCE_MODELS: readonly ReferenceModel[] = [
  { name: 'cnn', batchSize: 32, document: referenceCnnDocument },
  { name: 'unet', batchSize: 16, document: referenceUnetDocument },
];
