import { describe, expect, it } from 'vitest';
import { filterRgba } from '@/components/featureMaps/filterImage';
import { grayRgba } from '@/components/featureMaps/grayRgba';
import { sampleInputs } from '@/components/featureMaps/sampleInputs';

describe('filterRgba', () => {
  it('draws an RGB filter scaled by its own range, picking filter f out of [kh, kw, in, out]', () => {
    // 1x1 kernel, 3 input channels, 2 filters: filter 0 = (0, 2, 4), filter 1 = (1, 1, 1).
    const bank = { layer: 'c', kernel: 1, inChannels: 3, filters: 2, shown: 2, data: Float32Array.from([0, 1, 2, 1, 4, 1]) };
    expect(Array.from(filterRgba(bank, 0))).toEqual([0, 128, 255, 255]);
    expect(Array.from(filterRgba(bank, 1))).toEqual([128, 128, 128, 255]);
  });

  it('draws a one-channel filter in gray', () => {
    // 2x2 kernel, 1 input channel, 1 filter: -1, 0, 1, 3.
    const bank = { layer: 'c', kernel: 2, inChannels: 1, filters: 1, shown: 1, data: Float32Array.from([-1, 0, 1, 3]) };
    expect(Array.from(filterRgba(bank, 0))).toEqual([0, 0, 0, 255, 64, 64, 64, 255, 128, 128, 128, 255, 255, 255, 255, 255]);
  });
});

describe('grayRgba and sampleInputs', () => {
  it('grayRgba repeats each byte into RGB with opaque alpha', () => {
    expect(Array.from(grayRgba(Uint8ClampedArray.from([7, 200])))).toEqual([7, 7, 7, 255, 200, 200, 200, 255]);
  });

  it('gives images at the Input size, scaled to 0..1 for the model', () => {
    const s = sampleInputs('skin-lesions', 28, 28, 3, 2);
    expect(s).toHaveLength(2);
    expect(s[0].display).toMatchObject({ width: 28, height: 28, channels: 3 });
    expect(s[0].input.length).toBe(28 * 28 * 3);
    expect(s[0].input[5]).toBeCloseTo(s[0].display.image[5] / 255, 6);
    expect(Math.max(...s[0].input)).toBeLessThanOrEqual(1);
    expect(sampleInputs('no-such-task', 8, 8, 1)).toEqual([]);
  });
});
