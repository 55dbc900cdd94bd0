/**
 * Resizing and channel conversion for imported images: every image of a dataset must have the task's
 * input size and the Input node's channel count.
 */

/** Source taps and weights of each output index along one axis. */
interface AxisTaps {
  start: Int32Array;
  count: Int32Array;
  weights: Float32Array[];
}

/**
 * Shrinking averages the source area each output pixel covers (no aliasing: a 600-pixel-wide lesion
 * photo down to 64 keeps its texture statistics instead of sampling every ninth pixel); enlarging is
 * bilinear with half-pixel centres, as tf.image.resizeBilinear(halfPixelCenters=true).
 */
function axisTaps(src: number, dst: number): AxisTaps {
  const start = new Int32Array(dst);
  const count = new Int32Array(dst);
  const weights: Float32Array[] = [];
  const scale = src / dst;
  for (let i = 0; i < dst; i++) {
    if (dst < src) {
      const lo = i * scale;
      const hi = (i + 1) * scale;
      const first = Math.floor(lo);
      const last = Math.min(src - 1, Math.ceil(hi) - 1);
      const w = new Float32Array(last - first + 1);
      for (let k = first; k <= last; k++) w[k - first] = (Math.min(hi, k + 1) - Math.max(lo, k)) / scale;
      start[i] = first;
      count[i] = w.length;
      weights.push(w);
    } else {
      const x = Math.min(src - 1, Math.max(0, (i + 0.5) * scale - 0.5));
      const x0 = Math.floor(x);
      const t = x - x0;
      start[i] = x0;
      if (x0 + 1 < src && t > 0) {
        count[i] = 2;
        weights.push(Float32Array.of(1 - t, t));
      } else {
        count[i] = 1;
        weights.push(Float32Array.of(1));
      }
    }
  }
  return { start, count, weights };
}

/**
 * Resizes an interleaved 8-bit image (row-major, `channels` per pixel) to `outWidth` x `outHeight`,
 * each axis separately: area averaging where it shrinks, bilinear where it enlarges, a copy where equal.
 * Values are rounded to the nearest integer.
 * Example: resizeImage(Uint8Array.of(0, 100, 200, 100), 2, 2, 1, 1, 1) -> [100]
 */
export function resizeImage(
  data: Uint8Array,
  width: number,
  height: number,
  channels: number,
  outWidth: number,
  outHeight: number,
): Uint8Array {
  if (data.length !== width * height * channels) throw new Error(`resizeImage: ${data.length} bytes is not ${width}x${height}x${channels}`);
  if (width === outWidth && height === outHeight) return data.slice();
  const tx = axisTaps(width, outWidth);
  const ty = axisTaps(height, outHeight);
  // Horizontal pass into float rows, then vertical pass into bytes.
  const mid = new Float32Array(height * outWidth * channels);
  for (let y = 0; y < height; y++) {
    const rowIn = y * width * channels;
    const rowOut = y * outWidth * channels;
    for (let x = 0; x < outWidth; x++) {
      const w = tx.weights[x];
      const s = tx.start[x];
      for (let c = 0; c < channels; c++) {
        let acc = 0;
        for (let k = 0; k < tx.count[x]; k++) acc += w[k] * data[rowIn + (s + k) * channels + c];
        mid[rowOut + x * channels + c] = acc;
      }
    }
  }
  const out = new Uint8Array(outHeight * outWidth * channels);
  const stride = outWidth * channels;
  for (let y = 0; y < outHeight; y++) {
    const w = ty.weights[y];
    const s = ty.start[y];
    for (let i = 0; i < stride; i++) {
      let acc = 0;
      for (let k = 0; k < ty.count[y]; k++) acc += w[k] * mid[(s + k) * stride + i];
      out[y * stride + i] = Math.min(255, Math.max(0, Math.round(acc)));
    }
  }
  return out;
}

/**
 * Converts interleaved pixels between channel counts.
 * - 3 -> 1: luminance Y = 0.299 R + 0.587 G + 0.114 B (ITU-R BT.601, what PIL's convert('L') and
 *   tf.image.rgbToGrayscale use), or, with `pick`, one channel as it is (LGG: the FLAIR channel, index 1).
 * - 1 -> 3: the gray value in all three channels.
 * Example: convertChannels(Uint8Array.of(255, 0, 0), 3, 1) -> [76]
 */
export function convertChannels(data: Uint8Array, from: 1 | 3, to: 1 | 3, pick?: 0 | 1 | 2): Uint8Array {
  if (from === to) return data;
  const n = data.length / from;
  const out = new Uint8Array(n * to);
  if (from === 3) {
    for (let i = 0; i < n; i++)
      out[i] = pick === undefined ? Math.round(0.299 * data[i * 3] + 0.587 * data[i * 3 + 1] + 0.114 * data[i * 3 + 2]) : data[i * 3 + pick];
  } else {
    for (let i = 0; i < n; i++) out[i * 3] = out[i * 3 + 1] = out[i * 3 + 2] = data[i];
  }
  return out;
}

/**
 * Brings an image to the wanted size and channels. Gray output converts before resizing (a third of the
 * work); RGB output from gray resizes first for the same reason. Both orders give the same values up to
 * rounding.
 */
export function fitImage(
  image: { data: Uint8Array; width: number; height: number; channels: 1 | 3 },
  size: { width: number; height: number; channels: 1 | 3 },
  pick?: 0 | 1 | 2,
): Uint8Array {
  if (size.channels === 1) {
    const gray = convertChannels(image.data, image.channels, 1, pick);
    return resizeImage(gray, image.width, image.height, 1, size.width, size.height);
  }
  const resized = resizeImage(image.data, image.width, image.height, image.channels, size.width, size.height);
  return convertChannels(resized, image.channels, 3);
}

/**
 * Resizes a 0/255 (or 0/1 scaled to 0/255) mask and returns 0/1: the area average (or bilinear value)
 * is thresholded at half, so an output pixel is foreground when at least half of what it covers is.
 */
export function fitMask(mask: Uint8Array, width: number, height: number, outWidth: number, outHeight: number): Uint8Array {
  const scaled = resizeImage(mask, width, height, 1, outWidth, outHeight);
  for (let i = 0; i < scaled.length; i++) scaled[i] = scaled[i] >= 128 ? 1 : 0;
  return scaled;
}
