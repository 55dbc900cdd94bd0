/**
 * Seeded Dropout masks, so that a run with the same seed repeats exactly. tfjs' Dropout draws its mask from
 * Math.random unless the layer has a seed, and a fixed seed would draw the same mask on every step. So each
 * training forward pass gives every Dropout layer a fresh seed from (run seed, stream, pass, layer), and
 * takes it back afterwards: the backward pass reuses the recorded mask, and the model's saved config never
 * carries a seed. A data-parallel replica passes its own stream, so its shard's masks are not a copy of the
 * coordinator's.
 */
import type * as tf from '@tensorflow/tfjs';
import { hashSeed } from '../datasets/rng';

type Logits = (x: tf.Tensor, training: boolean) => tf.Tensor;

/** `logits` with the Dropout layers of `model` seeded on every training pass (unchanged without any). */
export function withSeededDropout(logits: Logits, model: tf.LayersModel, seed: number, stream: number): Logits {
  const dropouts = model.layers.filter((layer) => layer.getClassName() === 'Dropout') as unknown as { seed?: number }[];
  if (!dropouts.length) return logits;
  let passes = 0;
  return (x, training) => {
    if (!training) return logits(x, training);
    passes++;
    dropouts.forEach((layer, i) => (layer.seed = hashSeed(seed, 'dropout', stream, passes, i)));
    try {
      return logits(x, training);
    } finally {
      for (const layer of dropouts) layer.seed = undefined;
    }
  };
}
