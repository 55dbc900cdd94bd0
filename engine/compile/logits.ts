/**
 * The head's logits, for training: the compiled model keeps its softmax or sigmoid (fused into the Output's
 * Dense or 1x1 Conv2D, exactly what the exporters and the feature-map viewer see), so the logits are computed
 * beside it, from the same layers and the same variables: the model up to the Output's input, then the
 * Output's kernel and bias applied by hand. No layer is added or renamed.
 */
import * as tf from '@tensorflow/tfjs';

/** What {@link headLogits} needs of a compiled model. */
export interface HeadParts {
  /** The model's input tensor and the tensor that feeds the Output node. */
  input: tf.SymbolicTensor;
  beforeHead: tf.SymbolicTensor;
  /** The Output's layer: a Dense or 1x1 Conv2D with the head's activation (projection), else an Activation. */
  headLayer: tf.layers.Layer;
  projection: boolean;
}

/** The logits function and the head's bias variable (null when the Output has no projection). */
export interface HeadLogits {
  logits: (x: tf.Tensor, training: boolean) => tf.Tensor;
  headBias: tf.LayerVariable | null;
}

/**
 * Builds the logits path of a compiled model. The sub-model shares the model's layers (tf.model over
 * existing symbolic tensors creates no weights), so training it trains the model; it is never disposed on
 * its own: the model's dispose frees the shared weights.
 * Example: for Dense(7, softmax) as Output, logits(x) = body(x) W + b and softmax(logits(x)) = model(x).
 */
export function headLogits(parts: HeadParts): HeadLogits {
  const body = parts.beforeHead === parts.input ? null : tf.model({ inputs: parts.input, outputs: parts.beforeHead });
  const features = (x: tf.Tensor, training: boolean) => (body ? (body.apply(x, { training }) as tf.Tensor) : x);
  if (!parts.projection) return { logits: features, headBias: null };
  const [kernel, bias] = parts.headLayer.trainableWeights;
  const conv = kernel.shape.length === 4;
  const logits = (x: tf.Tensor, training: boolean): tf.Tensor =>
    tf.tidy(() => {
      const h = features(x, training);
      const k = kernel.read();
      if (conv) return tf.add(tf.conv2d(h as tf.Tensor4D, k as tf.Tensor4D, 1, 'valid'), bias.read());
      // Dense on a rank > 2 input acts on the last axis, as tf.layers.dense does.
      const flat = h.rank === 2 ? h : tf.reshape(h, [-1, h.shape[h.rank - 1] as number]);
      const z = tf.add(tf.matMul(flat as tf.Tensor2D, k as tf.Tensor2D), bias.read());
      return h.rank === 2 ? z : tf.reshape(z, [...h.shape.slice(0, -1), kernel.shape[1] as number]);
    });
  return { logits, headBias: bias ?? null };
}
