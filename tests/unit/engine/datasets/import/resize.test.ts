import { describe, expect, it } from 'vitest';
import { convertChannels, fitImage, fitMask, resizeImage } from '../../../../../engine/datasets/import/resize';

describe('resizeImage', () => {
  // [name, data, width, height, channels, outWidth, outHeight, expected]; values worked out by hand
  const cases: [string, number[], number, number, number, number, number, number[]][] = [
    // 4x4 -> 2x2: each output is the mean of a 2x2 block, e.g. (0 + 10 + 40 + 50) / 4 = 25
    ['halving averages 2x2 blocks', [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150], 4, 4, 1, 2, 2, [25, 45, 105, 125]],
    // 3 -> 2: output 0 covers [0, 1.5): (1 * 0 + 0.5 * 90) / 1.5 = 30; output 1: (0.5 * 90 + 1 * 180) / 1.5 = 150
    ['3 -> 2 weighs partial pixels by area', [0, 90, 180], 3, 1, 1, 2, 1, [30, 150]],
    // 2 -> 4 bilinear, half-pixel centres: x = (i + 0.5) / 2 - 0.5 = -0.25 (clamped), 0.25, 0.75, 1.25 (clamped)
    ['2 -> 4 is bilinear', [0, 100], 2, 1, 1, 4, 1, [0, 25, 75, 100]],
    // width 4 -> 2 averages pairs (50, 120); height 1 -> 2 repeats the row
    ['shrink one axis, enlarge the other', [0, 100, 200, 40], 4, 1, 1, 2, 2, [50, 120, 50, 120]],
    // channels stay apart: red and blue pixels average to (127.5, 0, 127.5), rounded half up
    ['RGB channels are resized separately', [255, 0, 0, 0, 0, 255], 2, 1, 3, 1, 1, [128, 0, 128]],
    ['equal size is a copy', [1, 2, 3, 4], 2, 2, 1, 2, 2, [1, 2, 3, 4]],
  ];
  it.each(cases)('%s', (_name, data, w, h, c, ow, oh, expected) => {
    expect([...resizeImage(Uint8Array.from(data), w, h, c, ow, oh)]).toEqual(expected);
  });

  it('keeps a flat image flat at any size (the weights of every output sum to one)', () => {
    const flat = new Uint8Array(7 * 5 * 3).fill(200);
    for (const [ow, oh] of [[3, 11], [1, 1], [64, 64], [7, 2]]) expect(new Set(resizeImage(flat, 7, 5, 3, ow, oh))).toEqual(new Set([200]));
  });

  it('returns a new buffer even when the size is unchanged', () => {
    const data = Uint8Array.of(9);
    const out = resizeImage(data, 1, 1, 1, 1, 1);
    out[0] = 1;
    expect(data[0]).toBe(9);
  });

  it('rejects a buffer that does not match its stated shape', () => {
    expect(() => resizeImage(new Uint8Array(5), 2, 2, 1, 1, 1)).toThrow(/5 bytes is not 2x2x1/);
  });
});

describe('convertChannels', () => {
  // BT.601 luminance: red 0.299 * 255 = 76.2, green 0.587 * 255 = 149.7, blue 0.114 * 255 = 29.1, white 255
  it('RGB -> gray uses luminance', () => {
    expect([...convertChannels(Uint8Array.of(255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255), 3, 1)]).toEqual([76, 150, 29, 255]);
  });
  it('RGB -> gray can take one channel as it is (LGG FLAIR = channel 1)', () => {
    expect([...convertChannels(Uint8Array.of(10, 20, 30, 40, 50, 60), 3, 1, 1)]).toEqual([20, 50]);
  });
  it('gray -> RGB replicates', () => {
    expect([...convertChannels(Uint8Array.of(7, 200), 1, 3)]).toEqual([7, 7, 7, 200, 200, 200]);
  });
});

describe('fitImage', () => {
  it('RGB 2x2 -> gray 1x1: luminance then area average', () => {
    // four pixels red, green, blue, white -> luminance 76.2, 149.7, 29.1, 255 -> rounded 76, 150, 29, 255 -> mean 127.5 -> 128
    const img = { data: Uint8Array.of(255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255), width: 2, height: 2, channels: 3 as const };
    expect([...fitImage(img, { width: 1, height: 1, channels: 1 })]).toEqual([128]);
  });
  it('gray 1x2 -> RGB 1x4: bilinear then replicate', () => {
    const img = { data: Uint8Array.of(0, 100), width: 1, height: 2, channels: 1 as const };
    expect([...fitImage(img, { width: 1, height: 4, channels: 3 })]).toEqual([0, 0, 0, 25, 25, 25, 75, 75, 75, 100, 100, 100]);
  });
  it('gray output from a 3-channel LGG slice takes the picked channel', () => {
    const img = { data: Uint8Array.of(0, 200, 0, 0, 100, 0), width: 2, height: 1, channels: 3 as const };
    expect([...fitImage(img, { width: 1, height: 1, channels: 1 }, 1)]).toEqual([150]);
  });
});

describe('fitMask', () => {
  it('marks an output pixel foreground when at least half of its area is', () => {
    // 4x4 -> 2x2; blocks hold 2, 1, 3 and 0 foreground pixels of 4 -> 1, 0, 1, 0
    // prettier-ignore
    const mask = Uint8Array.from([
      255, 255,   255, 0,
      0,   0,     0,   0,
      255, 255,   0,   0,
      255, 0,     0,   0,
    ]);
    expect([...fitMask(mask, 4, 4, 2, 2)]).toEqual([1, 0, 1, 0]);
  });
  it('enlarging keeps 0/1 values', () => {
    expect([...fitMask(Uint8Array.of(0, 255), 2, 1, 4, 1)]).toEqual([0, 0, 1, 1]);
  });
});
