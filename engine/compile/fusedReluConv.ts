/**
 * A ReLU Conv2D layer trains through engine/kernels' fused convolution on wasm (one XNNPACK call with bias
 * and ReLU forward, one pass for the ReLU's gradient backward) instead of tfjs-layers' unfused
 * Conv2D, Add, Relu under a gradient tape. Other backends, and wasm without Convas' SIMD kernels, run the
 * layer's own call. The layer stays a stock Conv2D (class name, config, weights) for exporters,
 * serialisation and the feature-map viewer.
 */
import * as tf from '@tensorflow/tfjs';
import { conv2dBiasRelu, fusedConvReluAvailable } from '../kernels';
import type { ConvFields } from './dilatedConv';

/** The Conv2D fields the fused call reads besides the shared ones, and the stock call it falls back to. */
interface FusedConvFields extends ConvFields {
  dataFormat: 'channelsLast' | 'channelsFirst';
  call: (inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>) => tf.Tensor | tf.Tensor[];
}

/** Gives a Conv2D layer with activation 'relu' the fused call where it can run (see above). */
export function useFusedReluConv(layer: tf.layers.Layer): tf.layers.Layer {
  const self = layer as unknown as FusedConvFields;
  const stock = self.call.bind(layer);
  self.call = (inputs, kwargs) => {
    const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
    if (x.rank !== 4 || self.dataFormat !== 'channelsLast' || !fusedConvReluAvailable()) return stock(inputs, kwargs);
    return tf.tidy(() =>
      conv2dBiasRelu(x, self.kernel.read() as tf.Tensor4D, self.bias ? (self.bias.read() as tf.Tensor1D) : null, {
        strides: self.strides,
        pad: self.padding,
        dilations: self.dilationRate,
      }),
    );
  };
  return layer;
}
