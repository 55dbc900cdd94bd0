/**
 * Keras layer configs -> catalog nodes, for the layers MobileNets are built from: configs as Keras 2 and 3
 * write them (snake_case, pairs for sizes) map to DepthwiseConv2D / SeparableConv2D with the weights' roles in
 * Keras order, ReLU(6) to relu6, LeakyReLU to its slope; what the catalog cannot express is listed with the reason.
 */
import { describe, expect, it } from 'vitest';
import { mapKerasLayer } from '@/engine/import/keras/layers';

const layer = (className: string, config: Record<string, unknown>) => mapKerasLayer({ name: 'l', className, config, inputs: [], calls: 1 });

describe('Keras depthwise layers', () => {
  it('DepthwiseConv2D (MobileNet v1 style): kernel, strides, padding, multiplier, no bias', () => {
    expect(layer('DepthwiseConv2D', { kernel_size: [3, 3], strides: [2, 2], padding: 'same', depth_multiplier: 1, use_bias: false, activation: 'linear', dilation_rate: [1, 1], data_format: 'channels_last' })).toEqual({
      ok: true,
      type: 'DepthwiseConv2D',
      params: { kernelSize: 3, strides: 2, padding: 'same', depthMultiplier: 1, useBias: false, activation: 'linear' },
      roles: ['depthwise_kernel'],
    });
  });

  it('SeparableConv2D: filters and the three weights in Keras order', () => {
    expect(layer('SeparableConv2D', { filters: 32, kernel_size: 5, padding: 'valid', depth_multiplier: 2, activation: 'relu' })).toEqual({
      ok: true,
      type: 'SeparableConv2D',
      params: { filters: 32, kernelSize: 5, strides: 1, padding: 'valid', depthMultiplier: 2, useBias: true, activation: 'relu' },
      roles: ['depthwise_kernel', 'pointwise_kernel', 'bias'],
    });
  });

  it('lists what the catalog cannot express, with the reason', () => {
    expect(layer('DepthwiseConv2D', { kernel_size: [3, 3], dilation_rate: [2, 2] })).toMatchObject({ ok: false, reason: expect.stringMatching(/dilated depthwise/) });
    expect(layer('SeparableConv2D', { filters: 4, kernel_size: [3, 1] })).toMatchObject({ ok: false, reason: expect.stringMatching(/non-square kernel/) });
    expect(layer('DepthwiseConv2D', { kernel_size: 3, data_format: 'channels_first' })).toMatchObject({ ok: false, reason: expect.stringMatching(/channels_first/) });
  });
});

describe('Keras parameterised activations', () => {
  it('ReLU(max_value=6) is relu6 (MobileNet v2), a plain ReLU is relu, other caps are listed', () => {
    expect(layer('ReLU', { max_value: 6.0, negative_slope: 0.0, threshold: 0.0 })).toMatchObject({ ok: true, type: 'Activation', params: { activation: 'relu6' } });
    expect(layer('ReLU', { max_value: null })).toMatchObject({ ok: true, type: 'Activation', params: { activation: 'relu' } });
    expect(layer('ReLU', { max_value: 4 })).toMatchObject({ ok: false, reason: expect.stringMatching(/capped at 4/) });
    expect(layer('Activation', { activation: 'relu6' })).toMatchObject({ ok: true, type: 'Activation', params: { activation: 'relu6' } });
  });

  it('LeakyReLU keeps its slope (Keras 2 alpha, Keras 3 negative_slope); 0.3 stays the Activation node\'s leakyRelu', () => {
    expect(layer('LeakyReLU', { alpha: 0.1 })).toMatchObject({ ok: true, type: 'LeakyReLU', params: { alpha: 0.1 } });
    expect(layer('LeakyReLU', { negative_slope: 0.2 })).toMatchObject({ ok: true, type: 'LeakyReLU', params: { alpha: 0.2 } });
    expect(layer('LeakyReLU', { alpha: 0.3 })).toMatchObject({ ok: true, type: 'Activation', params: { activation: 'leakyRelu' } });
  });

  it('ELU alpha 1 is elu; another alpha is listed (tfjs runs alpha 1 only)', () => {
    expect(layer('ELU', { alpha: 1.0 })).toMatchObject({ ok: true, type: 'Activation', params: { activation: 'elu' } });
    expect(layer('ELU', { alpha: 0.5 })).toMatchObject({ ok: false, reason: expect.stringMatching(/alpha 1 only/) });
  });
});
