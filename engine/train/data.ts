/**
 * The dataset side of training: generating a bundled task's data on demand, fitting images to the model's
 * Input (size and channels), and turning engine/datasets batches into tensors.
 */
import * as tf from '@tensorflow/tfjs';
import { taskInfo } from '../../graph/tasks';
import type { MaskMode } from '../datasets/generate/options';
import { generateDataset } from '../datasets/generate';
import { convertChannels, resizeImage } from '../datasets/import/resize';
import type { Batch } from '../datasets/batches';
import type { Dataset, Progress } from '../datasets/types';

/** What to generate when no dataset is given: a bundled task's generator, seeded. */
export interface DataSpec {
  taskId: string;
  /** Number of images. */
  count: number;
  /** Square side in pixels; default: the model Input's height. */
  size?: number;
  /** Default 1. */
  seed?: number;
  /** Segmentation masks; default: the document task's maskMode, else 'binary'. */
  maskMode?: MaskMode;
}

/** True when `data` is a spec to generate rather than a Dataset. */
export function isDataSpec(data: Dataset | DataSpec): data is DataSpec {
  return !('images' in data);
}

/**
 * Generates a spec's dataset at the given side (the model's input), reporting progress. A side outside the
 * task's generator range is clamped into it (the images are then resized to the Input by fitDataset), so
 * an Input of 16x16 can still train on skin lesions, whose generator starts at 28.
 */
export function generateFor(spec: DataSpec, size: number, maskMode: MaskMode, onProgress?: Progress): Dataset {
  const range = taskInfo(spec.taskId)?.sizeRange;
  const wanted = spec.size ?? size;
  const side = range ? Math.min(range[1], Math.max(range[0], wanted)) : wanted;
  return generateDataset(spec.taskId, { count: spec.count, size: side, seed: spec.seed ?? 1, maskMode: spec.maskMode ?? maskMode, onProgress });
}

/** Nearest-neighbour resize of one class-index mask (class indices must not be blended). */
function resizeMaskNearest(mask: Uint8Array, width: number, height: number, outWidth: number, outHeight: number): Uint8Array {
  const out = new Uint8Array(outWidth * outHeight);
  for (let y = 0; y < outHeight; y++) {
    const sy = Math.min(height - 1, Math.floor(((y + 0.5) * height) / outHeight));
    for (let x = 0; x < outWidth; x++) {
      const sx = Math.min(width - 1, Math.floor(((x + 0.5) * width) / outWidth));
      out[y * outWidth + x] = mask[sy * width + sx];
    }
  }
  return out;
}

/**
 * The dataset brought to the model's input `[height, width, channels]`: images resized (area/bilinear) and
 * converted between gray and RGB, masks resized nearest. Returns the same object when it already fits.
 * Throws with a plain message for channel counts other than 1 and 3 that differ.
 */
export function fitDataset(ds: Dataset, height: number, width: number, channels: number): Dataset {
  if (ds.height === height && ds.width === width && ds.channels === channels) return ds;
  const ok = (c: number): c is 1 | 3 => c === 1 || c === 3;
  if (ds.channels !== channels && (!ok(ds.channels) || !ok(channels))) {
    throw new Error(`The images have ${ds.channels} channels but the Input wants ${channels}; only gray (1) and RGB (3) convert. Set the Input's channels to ${ds.channels}.`);
  }
  const inPixels = ds.width * ds.height;
  const outPixels = width * height;
  const images = new Uint8Array(ds.count * outPixels * channels);
  const masks = ds.masks ? new Uint8Array(ds.count * outPixels) : undefined;
  for (let i = 0; i < ds.count; i++) {
    let img = ds.images.subarray(i * inPixels * ds.channels, (i + 1) * inPixels * ds.channels);
    if (ds.channels !== channels) img = convertChannels(img, ds.channels as 1 | 3, channels as 1 | 3);
    images.set(resizeImage(img, ds.width, ds.height, channels, width, height), i * outPixels * channels);
    if (masks && ds.masks) {
      masks.set(resizeMaskNearest(ds.masks.subarray(i * inPixels, (i + 1) * inPixels), ds.width, ds.height, width, height), i * outPixels);
    }
  }
  return { ...ds, height, width, channels, images, ...(masks ? { masks } : {}) };
}

/** A batch's tensors: x `[B, H, W, C]`, y `[B, K]` or `[B, H, W, K]`. The caller disposes both. */
export function batchTensors(batch: Batch, segmentation: boolean): { x: tf.Tensor4D; y: tf.Tensor } {
  const { batchSize: b, height: h, width: w, channels: c, yChannels: k } = batch;
  const x = tf.tensor4d(batch.x, [b, h, w, c]);
  const y = segmentation ? tf.tensor4d(batch.y, [b, h, w, k]) : tf.tensor2d(batch.y, [b, k]);
  return { x, y };
}
