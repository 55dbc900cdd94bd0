/**
 * The gradient slot layout: trainable gradients first, then only the non-trainable weights a step changes
 * (BatchNormalization's moving statistics). A frozen layer's weights never travel: averaging equal copies by
 * shares like 3/7 and 2/7 is not exact in float32, and would move a "frozen" weight by a rounding each step.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { isMovingStatistic, slotLayout } from '@/engine/parallel/layout';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('slotLayout', () => {
  it('carries the moving statistics of trainable and frozen BatchNormalization, never frozen weights', () => {
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [4, 4, 1], filters: 2, kernelSize: 3, trainable: false, name: 'frozen_conv' }),
        tf.layers.batchNormalization({ name: 'bn' }),
        tf.layers.batchNormalization({ name: 'frozen_bn', trainable: false }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 3, name: 'head' }),
      ],
    });
    const layout = slotLayout(model);
    expect(layout.trainable.map((t) => t.variable.name)).toEqual(['bn/gamma', 'bn/beta', 'head/kernel', 'head/bias']);
    expect(layout.nonTrainable.map((t) => t.weight.originalName)).toEqual(['bn/moving_mean', 'bn/moving_variance', 'frozen_bn/moving_mean', 'frozen_bn/moving_variance']);
    // 2 + 2 (gamma, beta) + 2*2*2*3 + 3 (head: flatten of 2x2x2 -> 3) trainable; 4 statistics of 2 channels.
    expect(layout.size).toBe(2 + 2 + 24 + 3 + 4 * 2);
    const names = model.nonTrainableWeights.filter((w) => !isMovingStatistic(w)).map((w) => w.originalName);
    expect(names).toEqual(['frozen_conv/kernel', 'frozen_conv/bias', 'frozen_bn/gamma', 'frozen_bn/beta']);
    model.dispose();
  });
});
