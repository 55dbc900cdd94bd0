import { decodeImage } from './decode';
import { fromRgba } from './fromRgba';
import { checkJpeg } from './jpeg';
import { sniffFormat } from './sniff';
import type { ImageDecoder, RawImage } from './types';

/**
 * The parts of the browser's image API this decoder uses (present in windows and workers). Kept
 * structural so engine/ compiles and tests run without a DOM; the default is the global one.
 */
export interface BitmapApi {
  createImageBitmap(blob: Blob, options?: { colorSpaceConversion?: 'none'; premultiplyAlpha?: 'none' }): Promise<{ width: number; height: number; close?(): void }>;
  createCanvas(width: number, height: number): {
    getContext(type: '2d'): {
      drawImage(image: unknown, x: number, y: number): void;
      getImageData(x: number, y: number, width: number, height: number): { data: Uint8ClampedArray };
    } | null;
  };
}

function globalApi(): BitmapApi {
  const g = globalThis as unknown as {
    createImageBitmap?: BitmapApi['createImageBitmap'];
    OffscreenCanvas?: new (w: number, h: number) => ReturnType<BitmapApi['createCanvas']>;
  };
  const create = g.createImageBitmap;
  const Canvas = g.OffscreenCanvas;
  if (!create || !Canvas) throw new Error('createImageBitmap/OffscreenCanvas are not available here; use the built-in decoder');
  return { createImageBitmap: (blob, options) => create(blob, options), createCanvas: (w, h) => new Canvas(w, h) };
}

/**
 * A decoder for the browser: JPEGs (the slow part of a HAM10000 import in pure JavaScript) go through the
 * browser's native decoder via createImageBitmap + OffscreenCanvas, with colour management off so pixel
 * values are the file's own; PNG and TIFF keep the built-in decoders. Truncated JPEGs are still refused
 * (browsers would paint the missing rows grey), and a grayscale JPEG still yields one channel. Unlike jpeg-js,
 * browsers apply an EXIF orientation tag; the medical datasets here carry none.
 * Example: importDataset(blobListSource(files), { decoder: bitmapDecoder() })
 */
export function bitmapDecoder(api?: BitmapApi): ImageDecoder {
  return async (bytes: Uint8Array): Promise<RawImage> => {
    if (sniffFormat(bytes) !== 'jpeg') return decodeImage(bytes);
    const info = checkJpeg(bytes);
    const use = api ?? globalApi();
    let rgba: Uint8ClampedArray;
    let width = info.width;
    let height = info.height;
    try {
      const bitmap = await use.createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' }), { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
      const ctx = use.createCanvas(bitmap.width, bitmap.height).getContext('2d');
      if (!ctx) throw new Error('no 2D canvas context');
      ctx.drawImage(bitmap, 0, 0);
      // The bitmap's size, not the header's: browsers apply an EXIF rotation (jpeg-js does not).
      ({ width, height } = bitmap);
      rgba = ctx.getImageData(0, 0, width, height).data;
      bitmap.close?.();
    } catch (e) {
      throw new Error(`JPEG does not decode: ${e instanceof Error ? e.message : String(e)}`);
    }
    const channels: 1 | 3 = info.mode === 'gray' ? 1 : 3;
    const data = fromRgba(rgba, width * height, channels);
    return { width, height, channels, data, format: 'jpeg', mode: info.mode };
  };
}
