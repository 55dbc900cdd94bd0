import { inflateCapped } from './inflate';
import { type ImageInfo, type RawImage, checkDimensions } from './types';

/**
 * A PNG decoder on fflate's inflate, so it runs the same in Node, the browser and a worker (pngjs needs
 * Node's Buffer, zlib and streams). Handles every standard colour type and bit depth, Adam7 interlacing and
 * CRC checks (a garbled file fails with a reason instead of decoding to noise). Inflating stops at the bytes
 * the header implies (a decompression bomb is cut off there and refused), and a
 * header claiming more pixels than its data could ever inflate to is refused before anything is allocated.
 */

/** Deflate's largest expansion: one 258-byte match per 2 bits at best (1032:1), rounded up. */
const MAX_DEFLATE_RATIO = 1100;

const SAMPLES: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const MODES: Record<number, string> = { 0: 'gray', 2: 'RGB', 3: 'palette', 4: 'gray+alpha', 6: 'RGBA' };
const ALLOWED_DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };
/** Adam7 passes: x start, y start, x step, y step. */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

let crcTable: Uint32Array | undefined;
/** CRC-32 (ISO 3309), as PNG chunks carry it. */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = crcTable[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

interface Header {
  width: number;
  height: number;
  depth: number;
  colorType: number;
  interlace: number;
}

const u32 = (b: Uint8Array, i: number) => ((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0;

function readHeader(bytes: Uint8Array): Header {
  if (bytes.length < 33) throw new Error('PNG is truncated before its header');
  if (String.fromCharCode(bytes[12], bytes[13], bytes[14], bytes[15]) !== 'IHDR') throw new Error('PNG does not start with an IHDR chunk');
  const h = { width: u32(bytes, 16), height: u32(bytes, 20), depth: bytes[24], colorType: bytes[25], interlace: bytes[28] };
  if (!(h.colorType in SAMPLES) || !ALLOWED_DEPTHS[h.colorType].includes(h.depth))
    throw new Error(`PNG colour type ${h.colorType} with bit depth ${h.depth} is not valid`);
  if (h.interlace > 1) throw new Error(`PNG interlace method ${h.interlace} is unknown`);
  checkDimensions(h.width, h.height, 'PNG');
  return h;
}

function modeOf(h: Header): string {
  return MODES[h.colorType] + (h.depth === 16 ? ' 16-bit' : '');
}

/** Size and mode from the IHDR chunk, without inflating. */
export function probePng(bytes: Uint8Array): ImageInfo {
  const h = readHeader(bytes);
  return { format: 'png', width: h.width, height: h.height, mode: modeOf(h) };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Undoes the per-row filters (none, sub, up, average, Paeth) of one (sub-)image; returns its rows without the filter bytes. */
function unfilter(raw: Uint8Array, offset: number, rowBytes: number, rows: number, bpp: number): Uint8Array {
  const out = new Uint8Array(rowBytes * rows);
  for (let y = 0; y < rows; y++) {
    const filter = raw[offset + y * (rowBytes + 1)];
    const src = offset + y * (rowBytes + 1) + 1;
    const row = y * rowBytes;
    const prev = row - rowBytes;
    for (let x = 0; x < rowBytes; x++) {
      const a = x >= bpp ? out[row + x - bpp] : 0;
      const b = y > 0 ? out[prev + x] : 0;
      const c = x >= bpp && y > 0 ? out[prev + x - bpp] : 0;
      const v = raw[src + x];
      let r: number;
      switch (filter) {
        case 0: r = v; break;
        case 1: r = v + a; break;
        case 2: r = v + b; break;
        case 3: r = v + ((a + b) >> 1); break;
        case 4: r = v + paeth(a, b, c); break;
        default: throw new Error(`PNG row ${y} has unknown filter type ${filter}`);
      }
      out[row + x] = r & 0xff;
    }
  }
  return out;
}

/**
 * Decodes a PNG to 8-bit gray or RGB. Throws with a reason on a bad signature, a CRC mismatch, missing
 * IDAT/IEND, a truncated file or an inflate error.
 */
export function decodePng(bytes: Uint8Array): RawImage {
  const h = readHeader(bytes);
  let palette: Uint8Array | undefined;
  const idat: Uint8Array[] = [];
  let pos = 8;
  let ended = false;
  while (pos + 12 <= bytes.length) {
    const length = u32(bytes, pos);
    const type = String.fromCharCode(bytes[pos + 4], bytes[pos + 5], bytes[pos + 6], bytes[pos + 7]);
    const dataStart = pos + 8;
    const dataEnd = dataStart + length;
    if (dataEnd + 4 > bytes.length) throw new Error(`PNG is truncated inside its ${type} chunk`);
    if (crc32(bytes, pos + 4, dataEnd) !== u32(bytes, dataEnd)) {
      // As libpng does: a damaged critical chunk (upper-case first letter) is fatal, an ancillary one is dropped.
      if (type.charCodeAt(0) & 0x20) {
        pos = dataEnd + 4;
        continue;
      }
      throw new Error(`PNG ${type} chunk fails its CRC check (file is corrupted)`);
    }
    if (type === 'PLTE') palette = bytes.subarray(dataStart, dataEnd);
    else if (type === 'IDAT') idat.push(bytes.subarray(dataStart, dataEnd));
    else if (type === 'IEND') {
      ended = true;
      break;
    }
    pos = dataEnd + 4;
  }
  if (idat.length === 0) throw new Error('PNG has no image data (IDAT)');
  if (!ended) throw new Error('PNG is truncated (no IEND chunk)');
  if (h.colorType === 3 && !palette) throw new Error('palette PNG has no PLTE chunk');
  const total = idat.reduce((s, c) => s + c.length, 0);
  const samples = SAMPLES[h.colorType];
  const bitsPerPixel = samples * h.depth;
  const passes = h.interlace === 1 ? ADAM7 : ([[0, 0, 1, 1]] as const);
  let expected = 0;
  for (const [xs, ys, dx, dy] of passes) {
    const pw = Math.ceil((h.width - xs) / dx);
    const ph = Math.ceil((h.height - ys) / dy);
    if (pw > 0 && ph > 0) expected += ph * (Math.ceil((pw * bitsPerPixel) / 8) + 1);
  }
  if (total * MAX_DEFLATE_RATIO < expected)
    throw new Error(`PNG header claims ${h.width}x${h.height} but holds only ${total} bytes of image data, too few for that size (file is corrupted or hostile)`);
  const joined = new Uint8Array(total);
  let o = 0;
  for (const c of idat) {
    joined.set(c, o);
    o += c.length;
  }
  let inflated: ReturnType<typeof inflateCapped>;
  try {
    inflated = inflateCapped(joined, expected, 'zlib');
  } catch (e) {
    throw new Error(`PNG image data does not inflate: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (inflated.overflow)
    throw new Error(`PNG image data inflates to more than the ${expected} bytes a ${h.width}x${h.height} image needs (a decompression bomb or a corrupted file); inflating stopped there`);
  const raw = inflated.bytes;

  const bpp = Math.max(1, bitsPerPixel >> 3);
  const outChannels: 1 | 3 = h.colorType === 0 || h.colorType === 4 ? 1 : 3;
  const out = new Uint8Array(h.width * h.height * outChannels);
  const maxValue = (1 << Math.min(h.depth, 8)) - 1;
  const pal = palette ?? new Uint8Array(0);
  const paletteSize = Math.floor(pal.length / 3);
  let offset = 0;
  for (const [xs, ys, dx, dy] of passes) {
    const pw = Math.ceil((h.width - xs) / dx);
    const ph = Math.ceil((h.height - ys) / dy);
    if (pw <= 0 || ph <= 0) continue;
    const rowBytes = Math.ceil((pw * bitsPerPixel) / 8);
    if (offset + ph * (rowBytes + 1) > raw.length) throw new Error('PNG image data is shorter than the image (file is truncated or corrupted)');
    const rows = unfilter(raw, offset, rowBytes, ph, bpp);
    offset += ph * (rowBytes + 1);
    for (let y = 0; y < ph; y++) {
      const rowStart = y * rowBytes;
      for (let x = 0; x < pw; x++) {
        const d = ((ys + y * dy) * h.width + xs + x * dx) * outChannels;
        if (h.depth >= 8) {
          // 8-bit: one byte per sample; 16-bit: two, high byte first, which is the one kept.
          const step = h.depth >> 3;
          const p = rowStart + x * samples * step;
          if (h.colorType === 3) {
            const idx = rows[p];
            if (idx >= paletteSize) throw new Error(`PNG pixel uses palette entry ${idx}, beyond the ${paletteSize}-entry palette`);
            out[d] = pal[idx * 3];
            out[d + 1] = pal[idx * 3 + 1];
            out[d + 2] = pal[idx * 3 + 2];
          } else {
            out[d] = rows[p];
            if (outChannels === 3) {
              out[d + 1] = rows[p + step];
              out[d + 2] = rows[p + 2 * step];
            }
          }
        } else {
          // 1, 2 or 4 bits per pixel, gray or palette index, most significant bits first.
          const bit = x * h.depth;
          const v = (rows[rowStart + (bit >> 3)] >> (8 - h.depth - (bit & 7))) & maxValue;
          if (h.colorType === 3) {
            if (v >= paletteSize) throw new Error(`PNG pixel uses palette entry ${v}, beyond the ${paletteSize}-entry palette`);
            out[d] = pal[v * 3];
            out[d + 1] = pal[v * 3 + 1];
            out[d + 2] = pal[v * 3 + 2];
          } else out[d] = Math.round((v * 255) / maxValue);
        }
      }
    }
  }
  return { width: h.width, height: h.height, channels: outChannels, data: out, format: 'png', mode: modeOf(h) };
}
