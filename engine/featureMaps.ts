/**
 * Feature maps of a trained model for one image, as CNN Explainer shows them: the activation maps of each
 * convolution, pooling and activation layer, and the first convolution's learned filters. Pure tfjs, no DOM:
 * runs in the training worker on the model it keeps after a run.
 */
import * as tf from '@tensorflow/tfjs';

/** Layer classes whose image outputs are shown (tfjs className). */
const SHOWN = new Set(['Conv2D', 'Conv2DTranspose', 'DepthwiseConv2D', 'SeparableConv2D', 'MaxPooling2D', 'AveragePooling2D', 'Activation', 'ReLU', 'LeakyReLU', 'ELU', 'Softmax']);

/** The first `shown` channels of one layer's output for the image. */
export interface LayerMaps {
  /** tfjs layer name (the compiler names layers after their nodes, engine/compile/names.ts). */
  layer: string;
  /** tfjs className, e.g. 'Conv2D'. */
  className: string;
  height: number;
  width: number;
  /** Channels of the layer's output. */
  channels: number;
  /** Channels in `data` (the first ones, at most the requested number). */
  shown: number;
  /** `height * width * shown` values, HWC order. */
  data: Float32Array;
}

/** The first convolution's kernels, the first `shown` of its filters. */
export interface FilterBank {
  layer: string;
  kernel: number;
  inChannels: number;
  filters: number;
  shown: number;
  /** `kernel * kernel * inChannels * shown` values, in tfjs kernel order [kh, kw, in, out]. */
  data: Float32Array;
}

export interface FeatureMapsResult {
  maps: LayerMaps[];
  filters: FilterBank | null;
}

/** Options of {@link featureMaps}. */
export interface FeatureMapsOptions {
  /** Channels kept per layer and filters kept (default 16). */
  maxChannels?: number;
}

/**
 * Runs `model` on one image (`image`: H*W*C values, HWC, as the model's input expects) and returns the first
 * channels of every shown layer's output, in model order, and the first Conv2D's filters. Builds a second
 * model over the same layers (no weights copied) and disposes every tensor it makes: tf.memory().numTensors
 * is the same before and after. Reads the values asynchronously: on webgpu a synchronous read stalls the GPU
 * and, in Chromium 156, fails outright.
 *
 * @example const { maps, filters } = await featureMaps(trained, sample, { maxChannels: 8 });
 */
export async function featureMaps(model: tf.LayersModel, image: Float32Array, opts: FeatureMapsOptions = {}): Promise<FeatureMapsResult> {
  const max = Math.max(1, opts.maxChannels ?? 16);
  const inShape = model.inputs[0].shape;
  const [h, w, c] = [inShape[1], inShape[2], inShape[3]] as number[];
  if (image.length !== h * w * c) throw new Error(`The image has ${image.length} values; the model expects ${h}x${w}x${c} = ${h * w * c}.`);
  const layers = model.layers.filter((l) => {
    if (!SHOWN.has(l.getClassName())) return false;
    const out = l.output;
    return !Array.isArray(out) && out.shape.length === 4;
  });
  const first = model.layers.find((l) => l.getClassName() === 'Conv2D' && l.getWeights().length > 0);

  // Every tensor to read is made here, at once (the model is not touched after this), then read and freed.
  const shownMaps = tf.tidy(() => {
    if (layers.length === 0) return [];
    // A model over the same layers: it shares their weights, so it must not be disposed (that would free them).
    const probe = tf.model({ inputs: model.inputs, outputs: layers.map((l) => l.output as tf.SymbolicTensor) });
    const outs = probe.predict(tf.tensor4d(image, [1, h, w, c]));
    return (Array.isArray(outs) ? outs : [outs]).map((t) => t.slice([0, 0, 0, 0], [1, -1, -1, Math.min(max, t.shape[3] as number)]));
  });
  // getWeights hands back the variables themselves; only the slice made here is freed.
  const kernel = first?.getWeights()[0];
  const shownFilters = kernel ? tf.tidy(() => kernel.slice([0, 0, 0, 0], [-1, -1, -1, Math.min(max, kernel.shape[3] as number)])) : null;
  const toRead = shownFilters ? [...shownMaps, shownFilters] : shownMaps;
  let values: Float32Array[];
  try {
    // Copies: the cpu backend hands back a tensor's own array, and these buffers are transferred to the page.
    values = (await Promise.all(toRead.map((t) => t.data() as Promise<Float32Array>))).map((v) => v.slice());
  } finally {
    tf.dispose(toRead);
  }

  const maps: LayerMaps[] = layers.map((l, i) => {
    const [, height, width, shown] = shownMaps[i].shape as number[];
    const channels = (l.output as tf.SymbolicTensor).shape[3] as number;
    return { layer: l.name, className: l.getClassName(), height, width, channels, shown, data: values[i] };
  });
  let filters: FilterBank | null = null;
  if (first && kernel && shownFilters) {
    const [kh, , inC, outC] = kernel.shape as number[];
    filters = { layer: first.name, kernel: kh, inChannels: inC, filters: outC, shown: shownFilters.shape[3] as number, data: values[values.length - 1] };
  }
  return { maps, filters };
}

/**
 * One channel of a layer's maps, scaled to 0..255 by that map's own min and max (a constant map is mid grey),
 * ready for a grayscale canvas.
 */
export function channelImage(maps: Pick<LayerMaps, 'height' | 'width' | 'shown' | 'data'>, channel: number): Uint8ClampedArray {
  const n = maps.height * maps.width;
  const out = new Uint8ClampedArray(n);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = maps.data[i * maps.shown + channel];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const span = hi - lo;
  for (let i = 0; i < n; i++) out[i] = span > 0 ? Math.round(((maps.data[i * maps.shown + channel] - lo) / span) * 255) : 128;
  return out;
}
