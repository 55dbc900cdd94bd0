import * as UTIFModule from 'utif2';
import { fromRgba } from './fromRgba';
import { type ImageInfo, type RawImage, checkDimensions } from './types';

/**
 * TIFF through utif2 (UTIF.js): uncompressed, LZW, PackBits, Deflate and JPEG-in-TIFF. The LGG kaggle_3m
 * files are uncompressed strips: images 3 samples x 8 bits (pre-contrast, FLAIR, post-contrast), masks
 * 1 sample x 8 bits (0 or 255). Only the first page is read.
 */

// utif2 is CommonJS that fills its exports object after assigning it, so ESM loaders (Node, Vitest) see
// only `default`; bundlers give the named functions. Take whichever is there.
const UTIF: typeof UTIFModule = (UTIFModule as unknown as { default?: typeof UTIFModule }).default ?? UTIFModule;

type Ifd = ReturnType<typeof UTIF.decode>[number];

const tagNumbers = (ifd: Ifd, tag: string): number[] => {
  const v = ifd[tag];
  return Array.isArray(v) ? (v as number[]) : typeof v === 'number' ? [v] : [];
};

function firstIfd(bytes: Uint8Array): { buffer: ArrayBuffer; ifd: Ifd; samples: number; bits: number; photometric: number } {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  // Writers often put the directory after the pixels (the LGG files do), so a cut file loses it first.
  if (bytes.length < 8) throw new Error('TIFF is truncated before its header ends');
  const view = new DataView(buffer);
  const ifdOffset = view.getUint32(4, bytes[0] === 0x49);
  if (ifdOffset + 2 > bytes.length) throw new Error('TIFF is truncated (its image directory lies past the end of the file)');
  let ifds: Ifd[];
  try {
    ifds = UTIF.decode(buffer);
  } catch (e) {
    throw new Error(`TIFF directory does not parse: ${e instanceof Error ? e.message : String(e)}`);
  }
  const ifd = ifds[0];
  if (!ifd) throw new Error('TIFF holds no image');
  const width = tagNumbers(ifd, 't256')[0];
  const height = tagNumbers(ifd, 't257')[0];
  if (width === undefined || height === undefined) throw new Error('TIFF directory has no image width/height (file is truncated or corrupted)');
  checkDimensions(width, height, 'TIFF');
  const samples = tagNumbers(ifd, 't277')[0] ?? 1;
  const bits = tagNumbers(ifd, 't258')[0] ?? 1;
  const photometric = tagNumbers(ifd, 't262')[0] ?? 1;
  return { buffer, ifd, samples, bits, photometric };
}

function modeOf(samples: number, bits: number, photometric: number): string {
  const base = photometric === 3 ? 'palette' : samples >= 4 ? 'RGBA' : samples === 3 ? 'RGB' : samples === 2 ? 'gray+alpha' : 'gray';
  return bits === 8 ? base : `${base} ${bits}-bit`;
}

/** Size and mode from the first image directory, without decoding pixels. */
export function probeTiff(bytes: Uint8Array): ImageInfo {
  const { ifd, samples, bits, photometric } = firstIfd(bytes);
  return { format: 'tiff', width: tagNumbers(ifd, 't256')[0], height: tagNumbers(ifd, 't257')[0], mode: modeOf(samples, bits, photometric) };
}

/**
 * Decodes the first page to 8-bit gray (1 sample, or 2 with alpha) or RGB (3+ samples, or a palette).
 * Throws with a reason when the strips are cut short or the layout is not supported.
 */
export function decodeTiff(bytes: Uint8Array): RawImage {
  const { buffer, ifd, samples, bits, photometric } = firstIfd(bytes);
  const width = tagNumbers(ifd, 't256')[0];
  const height = tagNumbers(ifd, 't257')[0];
  if (bits !== 8 && bits !== 16 && !(samples === 1 && bits === 1))
    throw new Error(`TIFF with ${bits}-bit samples is not supported (8-bit, 16-bit or 1-bit gray only)`);
  // utif2 reads past the end of a truncated file without complaint (zeros or garbage): check the strips fit.
  const offsets = tagNumbers(ifd, 't273').concat(tagNumbers(ifd, 't324'));
  const counts = tagNumbers(ifd, 't279').concat(tagNumbers(ifd, 't325'));
  for (let i = 0; i < offsets.length; i++)
    if (offsets[i] + (counts[i] ?? 0) > bytes.length) throw new Error('TIFF is truncated (image data runs past the end of the file)');
  let rgba: Uint8Array;
  try {
    UTIF.decodeImage(buffer, ifd);
    rgba = UTIF.toRGBA8(ifd);
  } catch (e) {
    throw new Error(`TIFF image data does not decode: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (rgba.length < width * height * 4) throw new Error('TIFF image data is shorter than the image');
  const gray = photometric !== 3 && samples <= 2;
  const channels: 1 | 3 = gray ? 1 : 3;
  const data = fromRgba(rgba, width * height, channels);
  return { width, height, channels, data, format: 'tiff', mode: modeOf(samples, bits, photometric) };
}
