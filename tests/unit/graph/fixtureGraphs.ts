/**
 * The fixture documents in tests/fixtures/graphs/, built from the catalog and the templates. Compiler and
 * exporter tests load the JSON files; fixtures.test.ts checks the files equal what this builds
 * (regenerate with `UPDATE_FIXTURES=1 npx vitest run tests/unit/graph/fixtures.test.ts`).
 * Small inputs (16x16) on the random tasks keep tests that train on them fast.
 */
import { createDocument } from '@/graph/document';
import { TemplateBuilder } from '@/graph/templates/builder';
import { templateById } from '@/graph/templates';
import type { GraphDocument } from '@/graph/types';

const training = { epochs: 1, batchSize: 8 };
const in16 = { height: 16, width: 16, channels: 1 };

/** Residual shortcut: conv -> (conv, BN) + shortcut -> Add -> ReLU -> GAP -> Output. [16,16,1] -> [3] */
function resnetAdd(): GraphDocument {
  const b = new TemplateBuilder();
  const x = b.add('Input', in16, [], 0);
  const c1 = b.add('Conv2D', { filters: 4, activation: 'relu' }, [x], 1);
  let y = b.add('Conv2D', { filters: 4, useBias: false }, [c1], 2, 1);
  y = b.add('BatchNormalization', {}, [y], 3, 1);
  const sum = b.add('Add', {}, [y, c1], 4);
  const act = b.add('Activation', { activation: 'relu' }, [sum], 5);
  const gap = b.add('GlobalAveragePooling2D', {}, [act], 6);
  b.add('Output', { head: 'classification' }, [gap], 7);
  return createDocument(b.graph(), { id: 'random-classify' }, training, 'ResNet Add fixture');
}

/** Two-level U-Net with both upsampling kinds and Concatenate skips. [16,16,1] -> [16,16,1] */
function unetConcat(): GraphDocument {
  const b = new TemplateBuilder();
  const x = b.add('Input', in16, [], 0, 0);
  const c1 = b.add('Conv2D', { filters: 4, activation: 'relu' }, [x], 1, 0); // 16x16x4
  const p1 = b.add('MaxPooling2D', {}, [c1], 2, 1); // 8x8x4
  const c2 = b.add('Conv2D', { filters: 8, activation: 'relu' }, [p1], 3, 1); // 8x8x8
  const p2 = b.add('MaxPooling2D', {}, [c2], 4, 2); // 4x4x8
  const c3 = b.add('Conv2D', { filters: 8, activation: 'relu' }, [p2], 5, 2); // 4x4x8
  const u1 = b.add('UpSampling2D', { size: 2 }, [c3], 6, 1); // 8x8x8
  const k1 = b.add('Concatenate', {}, [u1, c2], 7, 1); // 8x8x16
  const c4 = b.add('Conv2D', { filters: 8, activation: 'relu' }, [k1], 8, 1);
  const t1 = b.add('Conv2DTranspose', { filters: 4, kernelSize: 2, strides: 2 }, [c4], 9, 0); // 16x16x4
  const k2 = b.add('Concatenate', {}, [t1, c1], 10, 0); // 16x16x8
  const c5 = b.add('Conv2D', { filters: 4, activation: 'relu' }, [k2], 11, 0);
  b.add('Output', { head: 'segmentation' }, [c5], 12, 0);
  return createDocument(b.graph(), { id: 'random-segment', maskMode: 'binary' }, training, 'U-Net Concatenate fixture');
}

/**
 * 'same' padding where tfjs pads unevenly (more at the bottom/right): stride 2 on an even size, an even
 * kernel at stride 1, a 3x3 pool at stride 2, average pooling over a padded border. Exporters must match.
 * 16 -> conv k3 s2 -> 8 -> conv k4 s1 -> 8 -> maxpool 3 s2 -> 4 -> avgpool 3 s1 same -> 4 -> Flatten 16 -> [3]
 */
function stride2SameEven(): GraphDocument {
  const b = new TemplateBuilder();
  let x = b.add('Input', in16, [], 0);
  x = b.add('Conv2D', { filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }, [x], 1);
  x = b.add('Conv2D', { filters: 4, kernelSize: 4, strides: 1, padding: 'same' }, [x], 2);
  x = b.add('MaxPooling2D', { poolSize: 3, strides: 2, padding: 'same' }, [x], 3);
  x = b.add('AveragePooling2D', { poolSize: 3, strides: 1, padding: 'same' }, [x], 4);
  x = b.add('Conv2D', { filters: 1, kernelSize: 1 }, [x], 5);
  x = b.add('Flatten', {}, [x], 6);
  b.add('Output', { head: 'classification' }, [x], 7);
  return createDocument(b.graph(), { id: 'random-classify' }, training, 'Stride 2 same padding on even sizes');
}

/** Layers that act differently in training and inference: BatchNorm (4-D and 2-D) and Dropout. */
function dropoutBatchnorm(): GraphDocument {
  const b = new TemplateBuilder();
  let x = b.add('Input', in16, [], 0);
  x = b.add('Conv2D', { filters: 4, kernelSize: 3, padding: 'valid' }, [x], 1); // 14x14x4
  x = b.add('BatchNormalization', { momentum: 0.9, epsilon: 0.001 }, [x], 2);
  x = b.add('Activation', { activation: 'relu' }, [x], 3);
  x = b.add('MaxPooling2D', {}, [x], 4); // 7x7x4
  x = b.add('Flatten', {}, [x], 5); // 196
  x = b.add('Dense', { units: 8 }, [x], 6);
  x = b.add('BatchNormalization', {}, [x], 7);
  x = b.add('Activation', { activation: 'elu' }, [x], 8);
  x = b.add('Dropout', { rate: 0.5 }, [x], 9);
  b.add('Output', { head: 'classification' }, [x], 10);
  return createDocument(b.graph(), { id: 'random-classify' }, training, 'Dropout and BatchNorm fixture');
}

/**
 * Every node type once (dilation, leakyRelu, gelu, bilinear upsampling, valid transposed convolution,
 * both global poolings, a vector Add and Concatenate):
 * 16x16x1 -> pad 1: 18 -> conv k3 d2 valid: 14x14x4 -> avgpool 2: 7 -> convT k3 s2 valid: 15 -> up x2: 30
 * -> maxpool 2: 15x15x4 -> {GAP 4, GMP 4} concat 8; -> conv 1x1 1: 15x15x1 -> Flatten 225 -> Dense 8 gelu;
 * Add(concat, dense) 8 -> Dropout -> Output [3].
 */
function allLayers(): GraphDocument {
  const b = new TemplateBuilder();
  let x = b.add('Input', in16, [], 0);
  x = b.add('ZeroPadding2D', { padding: 1 }, [x], 1);
  x = b.add('Conv2D', { filters: 4, kernelSize: 3, dilationRate: 2, padding: 'valid' }, [x], 2);
  x = b.add('Activation', { activation: 'leakyRelu' }, [x], 3);
  x = b.add('BatchNormalization', {}, [x], 4);
  x = b.add('AveragePooling2D', { poolSize: 2 }, [x], 5);
  x = b.add('Conv2DTranspose', { filters: 4, kernelSize: 3, strides: 2, padding: 'valid', activation: 'relu' }, [x], 6);
  x = b.add('UpSampling2D', { size: 2, interpolation: 'bilinear' }, [x], 7);
  const mp = b.add('MaxPooling2D', { poolSize: 2 }, [x], 8);
  const gap = b.add('GlobalAveragePooling2D', {}, [mp], 9, -1);
  const gmp = b.add('GlobalMaxPooling2D', {}, [mp], 9, 0);
  const cat = b.add('Concatenate', {}, [gap, gmp], 10, -1);
  let y = b.add('Conv2D', { filters: 1, kernelSize: 1 }, [mp], 9, 1);
  y = b.add('Flatten', {}, [y], 10, 1);
  y = b.add('Dense', { units: 8, activation: 'gelu' }, [y], 11, 1);
  const sum = b.add('Add', {}, [cat, y], 12);
  const drop = b.add('Dropout', { rate: 0.25 }, [sum], 13);
  b.add('Output', { head: 'classification' }, [drop], 14);
  return createDocument(b.graph(), { id: 'random-classify' }, training, 'Every layer type');
}

/**
 * MobileNet-style blocks: a strided stem with ReLU6, a depthwise + pointwise block with a LeakyReLU, a strided
 * depthwise with multiplier 2 (TensorFlow's uneven 'same' border at even sizes), separable convolutions
 * 'valid' and 'same', an ELU. [16,16,1] -> [3]
 */
function mobilenetBlocks(): GraphDocument {
  const b = new TemplateBuilder();
  let x = b.add('Input', in16, [], 0);
  x = b.add('Conv2D', { filters: 4, kernelSize: 3, strides: 2, useBias: false }, [x], 1); // 8x8x4
  x = b.add('BatchNormalization', {}, [x], 2);
  x = b.add('Activation', { activation: 'relu6' }, [x], 3);
  x = b.add('DepthwiseConv2D', { kernelSize: 3, useBias: false }, [x], 4); // 8x8x4
  x = b.add('BatchNormalization', {}, [x], 5);
  x = b.add('LeakyReLU', { alpha: 0.1 }, [x], 6);
  x = b.add('Conv2D', { filters: 6, kernelSize: 1, activation: 'relu' }, [x], 7); // 8x8x6
  x = b.add('DepthwiseConv2D', { kernelSize: 3, strides: 2, depthMultiplier: 2, activation: 'relu' }, [x], 8); // 4x4x12
  x = b.add('SeparableConv2D', { filters: 8, kernelSize: 3, padding: 'valid' }, [x], 9); // 2x2x8
  x = b.add('Activation', { activation: 'elu' }, [x], 10);
  x = b.add('SeparableConv2D', { filters: 5, kernelSize: 2, depthMultiplier: 2, useBias: false }, [x], 11); // 2x2x5
  x = b.add('GlobalAveragePooling2D', {}, [x], 12);
  b.add('Output', { head: 'classification' }, [x], 13);
  return createDocument(b.graph(), { id: 'random-classify' }, training, 'MobileNet blocks');
}

function firstCnn(): GraphDocument {
  const t = templateById('first-cnn');
  if (!t) throw new Error('first-cnn template missing');
  return t.build();
}

/** File name (without .json) -> document. */
export const FIXTURE_GRAPHS: Record<string, () => GraphDocument> = {
  'first-cnn': firstCnn,
  'resnet-add': resnetAdd,
  'unet-concat': unetConcat,
  'stride2-same-even': stride2SameEven,
  'dropout-batchnorm': dropoutBatchnorm,
  'all-layers': allLayers,
  'mobilenet-blocks': mobilenetBlocks,
};
