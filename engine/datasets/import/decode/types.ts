import { DECODE_BUDGET } from '../budget';

/** Container formats recognised by their first bytes. */
export type ImageFormat = 'jpeg' | 'png' | 'tiff' | 'bmp' | 'gif' | 'webp';

/**
 * A decoded 8-bit image, row-major, interleaved: `data.length === width * height * channels`.
 * Alpha is dropped, palettes are expanded to RGB, 16-bit samples keep their high byte.
 */
export interface RawImage {
  width: number;
  height: number;
  channels: 1 | 3;
  data: Uint8Array;
  /** Container format as found by content (a PNG named .jpg says 'png'). */
  format: ImageFormat;
  /** Colour mode of the file as stored: 'RGB', 'gray', 'RGBA', 'gray+alpha', 'palette', 'CMYK', with ' 16-bit' for deep images. */
  mode: string;
}

/** What a header says, without decoding pixels. */
export interface ImageInfo {
  format: ImageFormat;
  width: number;
  height: number;
  mode: string;
}

/**
 * Decodes image bytes or throws an Error whose message says why (shown to the user as the skip reason).
 * The built-in one handles JPEG, PNG and TIFF; a browser may inject one that uses createImageBitmap.
 */
export type ImageDecoder = (bytes: Uint8Array) => RawImage | Promise<RawImage>;

/** Largest image accepted, in pixels: bigger files are skipped instead of exhausting memory (DECODE_BUDGET.maxPixels). */
export const MAX_PIXELS = DECODE_BUDGET.maxPixels;

/** Throws when a header's dimensions are unusable. */
export function checkDimensions(width: number, height: number, what: string): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1)
    throw new Error(`${what} header gives an impossible size ${width}x${height}`);
  if (width * height > MAX_PIXELS) throw new Error(`${what} is ${width}x${height}, larger than the ${MAX_PIXELS / 1e6} megapixel limit`);
}
