/**
 * The head's starting bias from the training split's class prior (engine/train/prior.ts), by hand.
 */
import { describe, expect, it } from 'vitest';
import type { HeadSpec } from '@/engine/compile';
import type { Dataset } from '@/engine/datasets/types';
import { priorBias } from '@/engine/train/prior';

function dataset(labels: number[], masks?: number[], side = 2): Dataset {
  return {
    taskId: 't', kind: masks ? 'segmentation' : 'classification', classes: ['a', 'b', 'c'], height: side, width: side, channels: 1,
    count: labels.length, images: new Uint8Array(labels.length * side * side), labels: Int32Array.from(labels),
    ...(masks ? { masks: Uint8Array.from(masks) } : {}),
    groups: labels.map((_, i) => String(i)), ids: labels.map((_, i) => String(i)), source: 'test', credit: '',
  };
}

const classify: HeadSpec = { kind: 'classification', classes: 3, activation: 'softmax', classNames: ['a', 'b', 'c'] };
const binary: HeadSpec = { kind: 'segmentation', classes: 1, activation: 'sigmoid', classNames: ['background', 'tumour'] };

describe('priorBias', () => {
  it('classification without class weights: centred log frequencies of the training split only', () => {
    // training images 0..3: labels 0, 0, 0, 1 -> freq [0.75, 0.25, 0 -> 1e-4]; image 4 (class 2) is not in train
    const b = priorBias(dataset([0, 0, 0, 1, 2]), [0, 1, 2, 3], classify, false) as number[];
    const logs = [Math.log(0.75), Math.log(0.25), Math.log(1e-4)];
    const mean = (logs[0] + logs[1] + logs[2]) / 3;
    expect(b).toEqual(logs.map((l) => expect.closeTo(l - mean, 9)));
    // softmax of the bias gives back the prior (up to the floor on the absent class)
    const e = b.map(Math.exp);
    const sum = e.reduce((p, q) => p + q, 0);
    expect(e[0] / sum).toBeCloseTo(0.75, 3);
  });

  it('classification with class weights starts from a uniform prior: no bias set', () => {
    expect(priorBias(dataset([0, 0, 1]), [0, 1, 2], classify, true)).toBeNull();
  });

  it('one-channel segmentation: logit of the foreground pixel share', () => {
    // two 2x2 masks, 1 foreground pixel of 8 -> logit(1/8) = ln(1/7)
    const b = priorBias(dataset([1, 0], [0, 3, 0, 0, 0, 0, 0, 0]), [0, 1], binary, false) as number[];
    expect(b).toHaveLength(1);
    expect(b[0]).toBeCloseTo(Math.log(1 / 7), 9);
  });

  it('an all-background training split is floored at 1e-4, not minus infinity', () => {
    const b = priorBias(dataset([0], [0, 0, 0, 0]), [0], binary, false) as number[];
    expect(b[0]).toBeCloseTo(Math.log(1e-4 / (1 - 1e-4)), 6);
  });
});
