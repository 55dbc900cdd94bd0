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
 * is the same before and after.
 *
 * @example const { maps, filters } = featureMaps(trained, sample, { maxChannels: 8 });
 */
export function featureMaps(model: tf.LayersModel, image: Float32Array, opts: FeatureMapsOptions = {}): FeatureMapsResult {
  const max = Math.max(1, opts.maxChannels ?? 16);
  const inShape = model.inputs[0].shape;
  const [h, w, c] = [inShape[1], inShape[2], inShape[3]] as number[];
  if (image.length !== h * w * c) throw new Error(`The image has ${image.length} values; the model expects ${h}x${w}x${c} = ${h * w * c}.`);
  const layers = model.layers.filter((l) => {
    if (!SHOWN.has(l.getClassName())) return false;
    const out = l.output;
    return !Array.isArray(out) && out.shape.length === 4;
  });

  const maps: LayerMaps[] = [];
  if (layers.length > 0) {
    // A model over the same layers: it shares their weights, so it must not be disposed (that would free them).
    const probe = tf.model({ inputs: model.inputs, outputs: layers.map((l) => l.output as tf.SymbolicTensor) });
    const values = tf.tidy(() => {
      const x = tf.tensor4d(image, [1, h, w, c]);
      const outs = probe.predict(x);
      const list = Array.isArray(outs) ? outs : [outs];
      return list.map((t) => {
        const shown = Math.min(max, t.shape[3] as number);
        return { shape: t.shape as number[], shown, data: (t.slice([0, 0, 0, 0], [1, -1, -1, shown]).dataSync() as Float32Array).slice() };
      });
    });
    layers.forEach((l, i) => {
      const v = values[i];
      maps.push({ layer: l.name, className: l.getClassName(), height: v.shape[1], width: v.shape[2], channels: v.shape[3], shown: v.shown, data: v.data });
    });
  }

  let filters: FilterBank | null = null;
  const first = model.layers.find((l) => l.getClassName() === 'Conv2D' && l.getWeights().length > 0);
  if (first) {
    // getWeights hands back the variables themselves; only the slice made here is freed.
    const kernel = first.getWeights()[0];
    const [kh, , inC, outC] = kernel.shape as number[];
    const shown = Math.min(max, outC);
    const data = tf.tidy(() => (kernel.slice([0, 0, 0, 0], [-1, -1, -1, shown]).dataSync() as Float32Array).slice());
    filters = { layer: first.name, kernel: kh, inChannels: inC, filters: outC, shown, data };
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
