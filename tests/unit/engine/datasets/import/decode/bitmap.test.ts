import { encode as encodeJpeg } from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { type BitmapApi, bitmapDecoder } from '../../../../../../engine/datasets/import/decode/bitmap';
import { encodeTiff } from './tiffFixture';

/**
 * The browser decoder's glue, with createImageBitmap and the canvas stubbed (Node has neither): which
 * files it sends to the browser, how RGBA comes back as gray or RGB, and how failures read. The browser's
 * own decoding needs a browser and is not exercised here.
 */

/** A stub that "decodes" any blob to a 2x1 image with the given RGBA pixels, recording what it was given. */
function stubApi(rgba: number[], calls: { blobs: Blob[]; options: unknown[] }, fail?: string): BitmapApi {
  return {
    createImageBitmap: async (blob, options) => {
      calls.blobs.push(blob);
      calls.options.push(options);
      if (fail) throw new Error(fail);
      return { width: 2, height: 1 };
    },
    createCanvas: () => ({
      getContext: () => ({ drawImage: () => undefined, getImageData: () => ({ data: Uint8ClampedArray.from(rgba) }) }),
    }),
  };
}

/** A minimal JPEG header: SOI, SOF0 (2x1, `components`), SOS, EOI; enough for the header checks. */
function jpegHeader(components: 1 | 3, withEnd = true): Uint8Array {
  const sofLength = 8 + 3 * components;
  const sof = [0xff, 0xc0, 0, sofLength, 8, 0, 1, 0, 2, components, ...new Array(3 * components).fill(1)];
  const sos = [0xff, 0xda, 0, 8, 1, 1, 0, 0, 63, 0];
  return Uint8Array.from([0xff, 0xd8, ...sof, ...sos, 0x12, 0x34, ...(withEnd ? [0xff, 0xd9] : [])]);
}

describe('bitmapDecoder', () => {
  const rgba = [10, 20, 30, 255, 40, 50, 60, 255];

  it('sends JPEGs to the browser with colour conversion off and keeps RGB', async () => {
    const calls = { blobs: [] as Blob[], options: [] as unknown[] };
    const img = await bitmapDecoder(stubApi(rgba, calls))(jpegHeader(3));
    expect([img.format, img.mode, img.width, img.height, img.channels, ...img.data]).toEqual(['jpeg', 'RGB', 2, 1, 3, 10, 20, 30, 40, 50, 60]);
    expect(calls.blobs[0].type).toBe('image/jpeg');
    expect(calls.options[0]).toEqual({ colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  });

  it('returns one channel for a grayscale JPEG', async () => {
    const img = await bitmapDecoder(stubApi(rgba, { blobs: [], options: [] }))(jpegHeader(1));
    expect([img.mode, img.channels, ...img.data]).toEqual(['gray', 1, 10, 40]);
  });

  it('refuses a truncated JPEG before the browser sees it, and words browser failures as reasons', async () => {
    const calls = { blobs: [] as Blob[], options: [] as unknown[] };
    await expect(bitmapDecoder(stubApi(rgba, calls))(jpegHeader(3, false))).rejects.toThrow(/JPEG is truncated/);
    expect(calls.blobs).toEqual([]);
    await expect(bitmapDecoder(stubApi(rgba, calls, 'The source image could not be decoded.'))(jpegHeader(3))).rejects.toThrow(
      'JPEG does not decode: The source image could not be decoded.',
    );
  });

  it('leaves TIFF (and PNG) to the built-in decoders', async () => {
    const calls = { blobs: [] as Blob[], options: [] as unknown[] };
    const img = await bitmapDecoder(stubApi(rgba, calls))(encodeTiff(1, 1, 1, Uint8Array.of(99)));
    expect([img.format, ...img.data]).toEqual(['tiff', 99]);
    expect(calls.blobs).toEqual([]);
  });

  it('says when the browser API is missing (Node)', async () => {
    const real = new Uint8Array(encodeJpeg({ width: 2, height: 1, data: new Uint8Array(8) }, 90).data);
    await expect(bitmapDecoder()(real)).rejects.toThrow(/createImageBitmap\/OffscreenCanvas are not available here/);
  });
});
