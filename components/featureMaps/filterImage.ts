/** Learned first-layer filters as small images: RGB when the filter has 3 input channels, else its first channel in gray. */
import type { FilterBank } from '@/engine/featureMaps';

/**
 * Filter `f` of `bank` as RGBA (kernel x kernel), scaled by that filter's own min and max so its pattern
 * shows whatever the weights' scale (a constant filter is mid grey).
 */
export function filterRgba(bank: FilterBank, f: number): Uint8ClampedArray {
  const { kernel: k, inChannels: inC, shown, data } = bank;
  const at = (y: number, x: number, c: number) => data[((y * k + x) * inC + c) * shown + f];
  const rgb = inC === 3;
  let lo = Infinity;
  let hi = -Infinity;
  for (let y = 0; y < k; y++) {
    for (let x = 0; x < k; x++) {
      for (let c = 0; c < (rgb ? 3 : 1); c++) {
        const v = at(y, x, c);
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
  }
  const span = hi - lo;
  const scale = (v: number) => (span > 0 ? Math.round(((v - lo) / span) * 255) : 128);
  const out = new Uint8ClampedArray(k * k * 4);
  for (let y = 0; y < k; y++) {
    for (let x = 0; x < k; x++) {
      const o = (y * k + x) * 4;
      for (let c = 0; c < 3; c++) out[o + c] = scale(at(y, x, rgb ? c : 0));
      out[o + 3] = 255;
    }
  }
  return out;
}
