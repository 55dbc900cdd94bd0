/**
 * tfjs 4.22 cannot train a Conv2D layer with dilation > 1 and a linear activation on any backend: the layer
 * calls tf.fused.conv2d, which stays fused under a gradient tape when the activation is linear, and the
 * fused op's own gradient refuses dilations ("dilation rates greater than 1 are not yet supported in
 * gradients"). Every other activation runs unfused there and trains through the Conv2D kernel's gradient
 * (engine/kernels registers one that handles dilation). So such layers get a `call` that does the same
 * maths unfused: conv2d, then the bias. The layer stays a stock Conv2D (class name, config, weights) for
 * exporters and serialisation.
 *
 * Every linear Conv2D takes this call, not only dilated ones: the fused op's gradient computes the input
 * gradient eagerly, even where nothing needs it (the first layer, whose input is the image: a
 * Conv2DBackpropInput to 3 channels, a fifth of a First CNN step), while the Conv2D kernel's gradient
 * computes each input's gradient only when the tape asks for it. Layers before a BatchNorm are linear.
 */
import * as tf from '@tensorflow/tfjs';

/** The Conv2D fields a replaced call reads (tfjs-layers keeps them protected). */
export interface ConvFields {
  kernel: tf.LayerVariable;
  bias?: tf.LayerVariable | null;
  strides: [number, number];
  padding: 'same' | 'valid';
  dilationRate: [number, number];
}

/** Replaces `layer.call` with an unfused conv2d + bias (the layer's activation must be linear). */
export function useUnfusedLinearConv(layer: tf.layers.Layer): tf.layers.Layer {
  const self = layer as unknown as ConvFields & { call: (inputs: tf.Tensor | tf.Tensor[]) => tf.Tensor };
  self.call = (inputs: tf.Tensor | tf.Tensor[]) =>
    tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
      const y = tf.conv2d(x, self.kernel.read() as tf.Tensor4D, self.strides, self.padding, 'NHWC', self.dilationRate);
      return self.bias ? tf.add(y, self.bias.read()) : y;
    });
  return layer;
}
