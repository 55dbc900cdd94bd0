/**
 * A BatchNormalization layer trains through engine/kernels' fused batch norm on wasm (two SIMD kernels,
 * a few passes forward and backward) instead of tfjs-layers' tf.moments + tf.batchNorm and their composed
 * gradients. The moving averages are updated from the batch statistics exactly as tfjs-layers does
 * (moving -= (moving - batch) (1 - momentum)), so evaluation, export and the data-parallel replicas see
 * the same variables. Inference, other backends, channels not in fours and non-default layer settings run
 * the layer's own call. The layer stays a stock BatchNormalization (class name, config, weights).
 */
import * as tf from '@tensorflow/tfjs';
import { batchNormTrain, batchNormTrainAvailable } from '../kernels';

/** The BatchNormalization fields the fused call reads (tfjs-layers keeps them protected). */
interface BatchNormFields {
  axis: number;
  momentum: number;
  epsilon: number;
  gamma?: tf.LayerVariable;
  beta?: tf.LayerVariable;
  movingMean: tf.LayerVariable;
  movingVariance: tf.LayerVariable;
  call: (inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>) => tf.Tensor | tf.Tensor[];
}

/** tfjs-layers' moving-average update of one statistic, op for op. */
function movingAverage(variable: tf.LayerVariable, value: tf.Tensor, momentum: number): void {
  tf.tidy(() => {
    const current = variable.read();
    variable.write(tf.sub(current, tf.mul(tf.sub(current, value), 1 - momentum)));
  });
}

/** Gives a BatchNormalization layer the fused training call where it can run (see above). */
export function useFastBatchNorm(layer: tf.layers.Layer): tf.layers.Layer {
  const self = layer as unknown as BatchNormFields;
  const stock = self.call.bind(layer);
  self.call = (inputs, kwargs) => {
    const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor;
    const lastAxis = self.axis === -1 || self.axis === x.rank - 1;
    if (kwargs.training !== true || !lastAxis || !self.gamma || !self.beta || !batchNormTrainAvailable(x.shape[x.rank - 1])) {
      return stock(inputs, kwargs);
    }
    return tf.tidy(() => {
      const [y, mean, variance] = batchNormTrain(x, self.gamma!.read() as tf.Tensor1D, self.beta!.read() as tf.Tensor1D, self.epsilon);
      movingAverage(self.movingMean, mean, self.momentum);
      movingAverage(self.movingVariance, variance, self.momentum);
      return y;
    });
  };
  return layer;
}
