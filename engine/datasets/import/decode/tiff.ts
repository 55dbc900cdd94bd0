import * as UTIFModule from 'utif2';
import { DECODE_BUDGET } from '../budget';
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

/** Bytes per value of each TIFF field type (1 BYTE ... 13 IFD). */
const TYPE_SIZE: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4 };
/** Tags whose values utif2 follows as offsets of further directories (SubIFDs, EXIF, GPS, Fuji). */
const SUB_IFD_TAGS = new Set([330, 34665, 34853, 61440]);
/** DNG private data: utif2 follows a pointer inside it. */
const DNG_PRIVATE = 50740;

/**
 * Walks every directory utif2 would read, before it reads them: each must lie inside the file, no directory
 * may be reached twice (an IFD pointing to itself sent utif2 into an endless loop), there may be at most
 * DECODE_BUDGET.maxTiffIfds of them, and every field's values must lie inside the file (a field claiming
 * 4 billion values made utif2 loop over them). Throws with the reason.
 */
export function checkTiffStructure(bytes: Uint8Array): void {
  const le = bytes[0] === 0x49;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (o: number) => view.getUint16(o, le);
  const u32 = (o: number) => view.getUint32(o, le);
  const seen = new Set<number>();
  const visit = (offset: number, depth: number): number => {
    if (seen.has(offset)) throw new Error(`TIFF image directories form a loop (the directory at byte ${offset} is reached twice; file is corrupted or hostile)`);
    seen.add(offset);
    if (seen.size > DECODE_BUDGET.maxTiffIfds) throw new Error(`TIFF holds more than ${DECODE_BUDGET.maxTiffIfds} image directories`);
    if (depth > 4) throw new Error('TIFF directories are nested too deeply');
    if (offset + 2 > bytes.length) throw new Error('TIFF is truncated (an image directory lies past the end of the file)');
    const count = u16(offset);
    const end = offset + 2 + count * 12;
    if (end + (depth === 0 ? 4 : 0) > bytes.length) throw new Error('TIFF is truncated (an image directory runs past the end of the file)');
    for (let i = 0; i < count; i++) {
      const entry = offset + 2 + i * 12;
      const tag = u16(entry);
      const type = u16(entry + 2);
      const num = u32(entry + 4);
      const size = TYPE_SIZE[type];
      if (size === undefined) continue;
      const inline = num * size <= 4 && type !== 5 && type !== 10 && type !== 11 && type !== 12;
      const at = inline ? entry + 8 : u32(entry + 8);
      if (!inline && at + num * size > bytes.length) throw new Error(`TIFF field ${tag} claims ${num} values, more than the file holds (file is truncated or corrupted)`);
      if (tag === DNG_PRIVATE) throw new Error('TIFF with DNG private data is not supported');
      if (SUB_IFD_TAGS.has(tag) && num > 0) {
        if (type !== 4 && type !== 13) throw new Error(`TIFF field ${tag} should hold directory offsets`);
        for (let k = 0; k < num; k++) visit(u32(at + 4 * k), depth + 1);
      }
    }
    return depth === 0 ? u32(end) : 0;
  };
  let next = u32(4);
  do next = visit(next, 0);
  while (next !== 0);
}

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
  checkTiffStructure(bytes);
  let ifds: Ifd[];
  try {
    // Maker notes are camera data, never needed here, and another nest of directories to parse.
    // utif2's typings leave out its second argument (options), which its code reads.
    const decode = UTIF.decode as (buffer: ArrayBuffer, options: { parseMN: boolean; debug: boolean }) => Ifd[];
    ifds = decode(buffer, { parseMN: false, debug: false });
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
