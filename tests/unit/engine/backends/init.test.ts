import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { activeBackend, initBackend } from '@/engine/backends/init';
import { WASM_TRAINING_KERNELS } from '@/engine/kernels';

describe('initBackend in Node', () => {
  it('starts wasm with the training kernels registered, then cpu', async () => {
    expect(await initBackend('wasm')).toBe('wasm');
    expect(activeBackend()).toBe('wasm');
    for (const config of WASM_TRAINING_KERNELS) expect(tf.getKernel(config.kernelName, 'wasm')).toBe(config);
    // A conv layer trains: the missing Conv2DBackpropFilter would throw here.
    const w = tf.variable(tf.ones([3, 3, 1, 2]));
    const grads = tf.grads((x: tf.Tensor) => tf.conv2d(tf.ones([1, 4, 4, 1]) as tf.Tensor4D, x as tf.Tensor4D, 1, 'same').sum())([w]);
    // 'same' 3x3 conv over a 4x4 image of ones: a corner tap reads inside the image at 3x3 output
    // positions, an edge tap at 3x4, the centre at 4x4; two output channels each.
    const want = [...Array(8).fill(9), ...Array(8).fill(12), 16, 16];
    expect(Array.from(grads[0].dataSync()).sort((a, b) => a - b)).toEqual(want);
    expect(await initBackend('cpu')).toBe('cpu');
    expect(activeBackend()).toBe('cpu');
  });

  it('rejects a backend that cannot start here', async () => {
    await expect(initBackend('webgl')).rejects.toThrow();
  });
});
