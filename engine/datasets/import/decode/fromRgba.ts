/**
 * RGBA pixels (what a canvas and utif2 hand back) to a RawImage's gray or RGB samples. One loop for the
 * browser JPEG path (bitmap.ts) and the TIFF decoder (tiff.ts), which both receive RGBA.
 */

/** The first channel (gray) or the first three (RGB) of each of `pixels` RGBA pixels; alpha is dropped. */
export function fromRgba(rgba: ArrayLike<number>, pixels: number, channels: 1 | 3): Uint8Array {
  const data = new Uint8Array(pixels * channels);
  for (let i = 0; i < pixels; i++) {
    if (channels === 1) data[i] = rgba[i * 4];
    else {
      data[i * 3] = rgba[i * 4];
      data[i * 3 + 1] = rgba[i * 4 + 1];
      data[i * 3 + 2] = rgba[i * 4 + 2];
    }
  }
  return data;
}
