import { describe, expect, it } from 'vitest';
import { CATALOG, catalogEntry, convLength, deconvLength, defaultParams, effectiveKernel, withDefaults } from '@/graph/catalog';
import type { InferContext } from '@/graph/catalog/types';
import { NODE_TYPES, type NodeType, type Params, type Shape } from '@/graph/types';

const ctx: InferContext = { headClasses: 7, taskKind: 'classification', inputShape: [null, 64, 64, 3] };

function infer(type: NodeType, inputs: Shape[], params: Params = {}, c: InferContext = ctx) {
  return CATALOG[type].inferShape(inputs, { ...defaultParams(type), ...params }, c);
}

describe('catalog', () => {
  it('has one entry per NodeType, each naming its own type', () => {
    expect(Object.keys(CATALOG).sort()).toEqual([...NODE_TYPES].sort());
    for (const t of NODE_TYPES) expect(CATALOG[t].type).toBe(t);
  });

  it('catalogEntry returns undefined for unknown types instead of throwing', () => {
    expect(catalogEntry('Conv2D')).toBe(CATALOG.Conv2D);
    expect(catalogEntry('LSTM')).toBeUndefined();
    expect(catalogEntry('toString')).toBeUndefined();
  });

  it('every param default lies inside its bounds or options', () => {
    for (const t of NODE_TYPES) {
      for (const [name, spec] of Object.entries(CATALOG[t].params)) {
        if (spec.kind === 'int' || spec.kind === 'float') {
          expect(spec.default, `${t}.${name}`).toBeGreaterThanOrEqual(spec.min);
          expect(spec.default, `${t}.${name}`).toBeLessThanOrEqual(spec.max);
          if (spec.kind === 'int') expect(Number.isInteger(spec.default), `${t}.${name}`).toBe(true);
        } else if (spec.kind === 'enum') {
          expect(spec.options, `${t}.${name}`).toContain(spec.default);
        }
      }
    }
  });

  it('docs have 2 to 4 sentences', () => {
    for (const t of NODE_TYPES) {
      // A sentence ends with . ! or ? followed by a space and a capital letter, or by the end of the text.
      const sentences = CATALOG[t].doc.trim().split(/[.!?](?:\s+(?=[A-Z"'])|$)/).filter((s) => s.trim() !== '');
      expect(sentences.length, `${t}: ${CATALOG[t].doc}`).toBeGreaterThanOrEqual(2);
      expect(sentences.length, `${t}: ${CATALOG[t].doc}`).toBeLessThanOrEqual(4);
    }
  });

  it('defaultParams gives tfjs-style params with the documented defaults', () => {
    expect(defaultParams('Conv2D')).toEqual({
      filters: 16, kernelSize: 3, strides: 1, padding: 'same', dilationRate: 1, useBias: true, activation: 'linear',
    });
    expect(defaultParams('MaxPooling2D')).toEqual({ poolSize: 2, strides: 0, padding: 'valid' });
    expect(defaultParams('BatchNormalization')).toEqual({ momentum: 0.9, epsilon: 0.001 });
    expect(defaultParams('Output')).toEqual({ head: 'classification', projection: true });
    expect(defaultParams('Dense')).toEqual({ units: 64, activation: 'linear', useBias: true });
    // A fresh object each time: mutating one must not change the next.
    const p = defaultParams('Dropout');
    p.rate = 0.1;
    expect(defaultParams('Dropout').rate).toBe(0.5);
  });

  it('withDefaults fills missing params and keeps given ones', () => {
    const given = { filters: 8 };
    const filled = withDefaults('Conv2D', given);
    expect(filled.filters).toBe(8);
    expect(filled.kernelSize).toBe(3);
    expect(given).toEqual({ filters: 8 });
    const full = defaultParams('Flatten');
    expect(withDefaults('Flatten', full)).toBe(full);
  });
});

describe('hand-checked teaching cases', () => {
  // 5x5 input, 3x3 filter, stride 1, valid -> 3x3
  it('5x5 * 3x3 stride 1 valid -> 3x3', () => {
    expect(infer('Conv2D', [[null, 5, 5, 1]], { kernelSize: 3, padding: 'valid', filters: 1 })).toEqual({ ok: true, shape: [null, 3, 3, 1] });
  });

  // 5x5 input padded by 1 (7x7) then 3x3 valid -> 5x5
  it('padding 1 keeps 5x5', () => {
    const padded = infer('ZeroPadding2D', [[null, 5, 5, 1]], { padding: 1 });
    expect(padded).toEqual({ ok: true, shape: [null, 7, 7, 1] });
    if (!padded.ok) return;
    expect(infer('Conv2D', [padded.shape], { padding: 'valid', filters: 1 })).toEqual({ ok: true, shape: [null, 5, 5, 1] });
    expect(convLength(5 + 2 * 1, 3, 1, 'valid')).toBe(5);
  });

  // 5x5, 3x3, stride 2, valid -> floor((5-3)/2)+1 = 2
  it('stride 2 valid -> 2x2', () => {
    expect(infer('Conv2D', [[null, 5, 5, 1]], { strides: 2, padding: 'valid', filters: 1 })).toEqual({ ok: true, shape: [null, 2, 2, 1] });
  });

  // dilation 2: 2(3-1)+1 = 5; on a 5x5 input a valid 3x3 d2 kernel fits exactly once.
  it('dilation 2 gives a 3x3 kernel an effective 5x5', () => {
    expect(effectiveKernel(3, 2)).toBe(5);
    expect(infer('Conv2D', [[null, 5, 5, 1]], { dilationRate: 2, padding: 'valid', filters: 1 })).toEqual({ ok: true, shape: [null, 1, 1, 1] });
    const tooSmall = infer('Conv2D', [[null, 4, 4, 1]], { dilationRate: 2, padding: 'valid' });
    expect(tooSmall.ok).toBe(false);
    if (!tooSmall.ok) expect(tooSmall).toMatchObject({ code: 'shape-zero', params: { effective: 5, height: 4 } });
  });

  it('same padding gives ceil(n/s)', () => {
    expect(convLength(5, 3, 2, 'same')).toBe(3);
    expect(convLength(64, 7, 3, 'same')).toBe(22);
  });

  it('transposed convolution: same n*s, valid n*s + max(k-s, 0)', () => {
    expect(deconvLength(8, 3, 2, 'same')).toBe(16);
    expect(deconvLength(8, 3, 2, 'valid')).toBe(17);
    expect(deconvLength(8, 2, 3, 'valid')).toBe(24);
    expect(infer('Conv2DTranspose', [[null, 8, 8, 4]], { kernelSize: 3, strides: 2, padding: 'valid', filters: 2 })).toEqual({ ok: true, shape: [null, 17, 17, 2] });
  });

  it('pooling stride 0 means the pool size', () => {
    expect(infer('MaxPooling2D', [[null, 7, 7, 3]], { poolSize: 3 })).toEqual({ ok: true, shape: [null, 2, 2, 3] });
    expect(infer('AveragePooling2D', [[null, 7, 7, 3]], { poolSize: 3, strides: 1 })).toEqual({ ok: true, shape: [null, 5, 5, 3] });
  });

  it('parameter counts', () => {
    // 3x3x3x16 weights + 16 biases = 448
    expect(CATALOG.Conv2D.paramCount([[null, 64, 64, 3]], defaultParams('Conv2D'), [null, 64, 64, 16], ctx)).toEqual({ trainable: 448, nonTrainable: 0 });
    // BatchNorm over 16 channels: gamma, beta trainable; moving mean/variance not.
    expect(CATALOG.BatchNormalization.paramCount([[null, 8, 8, 16]], defaultParams('BatchNormalization'), [null, 8, 8, 16], ctx)).toEqual({ trainable: 32, nonTrainable: 32 });
    // Dense 128 -> 64: 128*64 + 64 = 8256
    expect(CATALOG.Dense.paramCount([[null, 128]], defaultParams('Dense'), [null, 64], ctx)).toEqual({ trainable: 8256, nonTrainable: 0 });
    // Output head over 64 features, 7 classes: 64*7 + 7 = 455
    expect(CATALOG.Output.paramCount([[null, 64]], defaultParams('Output'), [null, 7], ctx)).toEqual({ trainable: 455, nonTrainable: 0 });
  });

  it('depthwise and separable convolutions: shapes, parameter counts, multiply-adds and card summaries', () => {
    const x: Shape = [null, 8, 8, 4];
    const dw = { ...defaultParams('DepthwiseConv2D'), depthMultiplier: 2, strides: 2 };
    // 4 channels x 2 filters each: [8, 8, 4] -> ceil(8/2) = 4 -> [4, 4, 8].
    expect(infer('DepthwiseConv2D', [x], dw)).toEqual({ ok: true, shape: [null, 4, 4, 8] });
    // 3*3*4*2 kernel + 8 biases = 80.
    expect(CATALOG.DepthwiseConv2D.paramCount([x], dw, [null, 4, 4, 8], ctx)).toEqual({ trainable: 80, nonTrainable: 0 });
    // 4*4 pixels x 8 channels x 9 taps = 1152.
    expect(CATALOG.DepthwiseConv2D.macs([x], dw, [null, 4, 4, 8], ctx)).toBe(1152);
    expect(CATALOG.DepthwiseConv2D.summary(dw, ctx)).toBe('dw x2 @ 3x3 /2 same');
    const sep = { ...defaultParams('SeparableConv2D'), filters: 8, padding: 'valid' };
    // [8, 8, 4] valid 3x3 -> [6, 6, 8]; 3*3*4 depthwise + 4*8 pointwise + 8 biases = 76 (a Conv2D would have 296).
    expect(infer('SeparableConv2D', [x], sep)).toEqual({ ok: true, shape: [null, 6, 6, 8] });
    expect(CATALOG.SeparableConv2D.paramCount([x], sep, [null, 6, 6, 8], ctx)).toEqual({ trainable: 76, nonTrainable: 0 });
    expect(CATALOG.SeparableConv2D.paramCount([x], { ...sep, useBias: false, depthMultiplier: 3 }, [null, 6, 6, 8], ctx)).toEqual({ trainable: 3 * 3 * 12 + 12 * 8, nonTrainable: 0 });
    // 36 pixels x (4*9 depthwise + 4*8 pointwise) = 2448.
    expect(CATALOG.SeparableConv2D.macs([x], sep, [null, 6, 6, 8], ctx)).toBe(2448);
    expect(CATALOG.SeparableConv2D.summary(sep, ctx)).toBe('8 sep @ 3x3 valid');
    // The Conv2D errors, with the numbers: a 5x5 'valid' window on 4x4, a flat input; dilation is read as 1.
    expect(infer('SeparableConv2D', [[null, 4, 4, 2]], { kernelSize: 5, padding: 'valid' })).toMatchObject({ ok: false, code: 'shape-zero', params: { kernel: 5, effective: 5, height: 4 } });
    expect(infer('DepthwiseConv2D', [[null, 16]])).toMatchObject({ ok: false, code: 'needs-image', params: { type: 'DepthwiseConv2D', got: '16' } });
    expect(infer('DepthwiseConv2D', [x], { strides: 2, dilationRate: 2 })).toEqual({ ok: true, shape: [null, 4, 4, 4] });
  });

  it('output head follows the task', () => {
    expect(infer('Output', [[null, 64]])).toEqual({ ok: true, shape: [null, 7] });
    const seg: InferContext = { headClasses: 1, taskKind: 'segmentation', inputShape: [null, 64, 64, 1] };
    expect(infer('Output', [[null, 64, 64, 8]], { head: 'segmentation' }, seg)).toEqual({ ok: true, shape: [null, 64, 64, 1] });
    expect(infer('Output', [[null, 60, 60, 8]], { head: 'segmentation' }, seg)).toMatchObject({ ok: false, code: 'seg-size-mismatch', params: { height: 60, inputHeight: 64 } });
    expect(infer('Output', [[null, 10]], { projection: false })).toMatchObject({ ok: false, code: 'head-size-mismatch', params: { need: 7, got: 10 } });
    expect(infer('Output', [[null, 7]], { projection: false })).toEqual({ ok: true, shape: [null, 7] });
  });
});
